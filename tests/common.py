# Copyright 2026 Sales Performance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

"""Base for the project's cross-module tests, which live outside any addon.

Odoo tags test classes only when they sit in ``odoo.addons.<module>``; these get the same
attributes by hand so the test framework treats them like an addon's post-install tests.
"""

from odoo.tests import TransactionCase

# Odoo's XML-RPC fault code for an unexpected exception (a traceback): what a user must never
# get (odoo.addons.base.controllers.rpc.RPC_FAULT_CODE_APPLICATION_ERROR).
RPC_INTERNAL_ERROR = 1


def rpc_password(user):
    """The password new_test_user gives ``user`` (its login, padded to 8 characters)."""
    return user.login + "x" * (8 - len(user.login))


class CrossModuleCase(TransactionCase):
    test_tags = {"standard", "post_install"}
    test_module = "sales_performance_suite"
    test_sequence = 0

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        cls.test_class = cls.__name__
