"""Create the "Editor" group: editors curate the archive's content in the admin, but do not manage users."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITOR_GROUP = "Editor"
# Every model of the archive: view, add, change, delete. Users, groups and permissions stay with superusers.
ARTICLE_MODELS = (
    "outlet", "country", "countryalias", "person", "discoveredperson", "personalias", "personredirect", "rejectedname",
    "article",
    "articleperson", "articlecountry",
)


def create_editor_group(apps, schema_editor):
    # Permissions are normally created after all migrations ran (post_migrate); make sure they exist now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=EDITOR_GROUP)
    codenames = [f"{action}_{model}" for model in ARTICLE_MODELS for action in ("view", "add", "change", "delete")]
    group.permissions.set(Permission.objects.filter(content_type__app_label="articles", codename__in=codenames))


def remove_editor_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=EDITOR_GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0004_review_queue"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_editor_group, remove_editor_group)]
