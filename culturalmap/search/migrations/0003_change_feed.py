# The change feed replaces the one-node queue: each node keeps its own place in it. Changes still
# queued are not carried over: a node without a place compares its whole index with PostGIS first.

import culturalmap.search.models
import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('search', '0002_recordviews'),
    ]

    operations = [
        migrations.CreateModel(
            name='IndexCursor',
            fields=[
                ('node', models.CharField(max_length=200, primary_key=True, serialize=False)),
                ('snapshot', models.TextField(blank=True)),
                ('updated_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('attempts', models.PositiveIntegerField(default=0)),
                ('last_error', models.TextField(blank=True)),
            ],
        ),
        migrations.CreateModel(
            name='RecordChange',
            fields=[
                ('id', models.BigAutoField(primary_key=True, serialize=False)),
                ('xid', culturalmap.search.models.TransactionId(db_default=models.Func(function='pg_current_xact_id'), db_index=True, editable=False)),
                ('kind', models.CharField(max_length=40)),
                ('record_id', models.BigIntegerField()),
                ('created_at', models.DateTimeField(db_index=True, default=django.utils.timezone.now)),
            ],
        ),
        migrations.DeleteModel(
            name='PendingIndexChange',
        ),
        # Followers are woken when a transaction that wrote feed rows commits (NOTIFY is delivered at
        # the commit, once per transaction and channel).
        migrations.RunSQL(
            """
            CREATE FUNCTION search_recordchange_notify() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              PERFORM pg_notify('culturalmap_record_changes', '');
              RETURN NULL;
            END $$;
            CREATE TRIGGER search_recordchange_notify AFTER INSERT ON search_recordchange
              FOR EACH STATEMENT EXECUTE FUNCTION search_recordchange_notify();
            """,
            """
            DROP TRIGGER search_recordchange_notify ON search_recordchange;
            DROP FUNCTION search_recordchange_notify();
            """,
        ),
    ]
