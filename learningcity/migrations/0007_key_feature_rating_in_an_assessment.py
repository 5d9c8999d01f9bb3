from django.db import migrations, models


class Migration(migrations.Migration):
    # Apart from 0006: PostgreSQL cannot alter a table with that migration's deferred checks pending.
    dependencies = [("learningcity", "0006_key_features_into_yearly_assessments")]

    operations = [
        migrations.AlterField(
            model_name="keyfeatureassessment",
            name="assessment",
            field=models.ForeignKey(
                on_delete=models.deletion.CASCADE, related_name="ratings", to="learningcity.selfassessment"
            ),
        ),
    ]
