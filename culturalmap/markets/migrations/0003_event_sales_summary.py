import django.db.models.deletion
from django.db import migrations, models

# The per-event summary is derived from the append-only ledger by a statement-level trigger
# (one aggregate per INSERT statement, so a bulk load of a million rows stays fast). A correction
# subtracts what it replaces; the trigger also refuses a correction that points into another event.
SQL = """
CREATE FUNCTION markets_eventsales_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM new_entries n JOIN markets_salesentry c ON c.id = n.corrects_id
             WHERE c.event_id <> n.event_id) THEN
    RAISE EXCEPTION 'a correction must belong to the market event of the entry it corrects'
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  INSERT INTO markets_eventsales AS s (event_id, sales, entries)
  SELECT n.event_id, sum(n.amount - coalesce(c.amount, 0)),
         sum(CASE WHEN n.corrects_id IS NULL THEN 1 ELSE 0 END)
  FROM new_entries n LEFT JOIN markets_salesentry c ON c.id = n.corrects_id
  GROUP BY n.event_id
  ORDER BY n.event_id
  ON CONFLICT (event_id) DO UPDATE
    SET sales = s.sales + EXCLUDED.sales, entries = s.entries + EXCLUDED.entries;
  RETURN NULL;
END $$;
CREATE TRIGGER markets_eventsales_apply
  AFTER INSERT ON markets_salesentry REFERENCING NEW TABLE AS new_entries
  FOR EACH STATEMENT EXECUTE FUNCTION markets_eventsales_apply();
INSERT INTO markets_eventsales (event_id, sales, entries)
SELECT e.event_id, sum(e.amount), count(*) FROM markets_salesentry e
WHERE NOT EXISTS (SELECT 1 FROM markets_salesentry c WHERE c.corrects_id = e.id)
GROUP BY e.event_id;
"""
REVERSE = """
DROP TRIGGER markets_eventsales_apply ON markets_salesentry;
DROP FUNCTION markets_eventsales_apply();
"""


class Migration(migrations.Migration):
    dependencies = [("markets", "0002_sales_ledger_append_only")]

    operations = [
        migrations.CreateModel(
            name="EventSales",
            fields=[
                ("event", models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True,
                                               related_name="sales_summary", serialize=False,
                                               to="markets.marketevent")),
                ("sales", models.DecimalField(decimal_places=2, max_digits=16)),
                ("entries", models.IntegerField()),
            ],
            options={"verbose_name_plural": "event sales"},
        ),
        migrations.RunSQL(SQL, REVERSE),
    ]
