from django.db import migrations

# The ledger is append-only: a correction is a new row. The database itself refuses
# UPDATE and DELETE so that no code path (admin, shell, a bug) can rewrite history.
SQL = """
CREATE FUNCTION markets_salesentry_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'sales entries are append-only: log a correction instead of %', TG_OP
    USING ERRCODE = 'integrity_constraint_violation';
END $$;
CREATE TRIGGER markets_salesentry_append_only
  BEFORE UPDATE OR DELETE ON markets_salesentry
  FOR EACH ROW EXECUTE FUNCTION markets_salesentry_append_only();
"""
REVERSE = """
DROP TRIGGER markets_salesentry_append_only ON markets_salesentry;
DROP FUNCTION markets_salesentry_append_only();
"""


class Migration(migrations.Migration):
    dependencies = [("markets", "0001_initial")]
    operations = [migrations.RunSQL(SQL, REVERSE)]
