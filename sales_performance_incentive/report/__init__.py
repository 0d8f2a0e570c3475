from . import sales_performance_audit
