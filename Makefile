# One entry point per job; everything goes through setup/workspace.py, which finds Odoo 18.0,
# builds the virtualenv and reaches (or starts) PostgreSQL first.
PYTHON ?= python3
SIZE ?= small

.PHONY: bootstrap test odoo-tests demo demo-data screenshots bench lint clean

bootstrap:  ## Odoo tree, virtualenv, PostgreSQL
	$(PYTHON) setup/workspace.py bootstrap

test:  ## fresh database from a template, every test with pytest-odoo
	$(PYTHON) setup/workspace.py test $(ARGS)

odoo-tests:  ## Odoo's own runner (odoo-bin --test-enable) on a fresh database with demo data
	$(PYTHON) setup/workspace.py odoo-tests $(ARGS)

demo:  ## build/update the demo database, run the jobs once, serve on http://localhost:8069
	$(PYTHON) setup/workspace.py demo $(ARGS)

demo-data:  ## build/update the demo database only
	$(PYTHON) setup/workspace.py demo --no-serve

screenshots:  ## PNGs of the main screens, from the demo database in headless Chromium (docs/screenshots)
	$(PYTHON) setup/workspace.py bootstrap
	.venv/bin/python setup/screenshots.py $(ARGS)

bench:  ## benchmark on generated data: make bench SIZE=large ARGS="--json bench.json"
	$(PYTHON) setup/workspace.py bench --size $(SIZE) $(ARGS)

lint:  ## pre-commit (ruff, ruff-format, pylint-odoo) on the whole tree
	$(PYTHON) setup/workspace.py bootstrap
	.venv/bin/pre-commit run --all-files

clean:  ## drop the virtualenv and caches (databases stay)
	rm -rf .venv .cache
