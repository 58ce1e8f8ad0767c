"""Merge the tags that differ only in case ("Green skills" and "green skills").

Until TAGGIT_CASE_INSENSITIVE (vetnet/settings/cms.py) a member's "Green skills"
made a second tag beside "green skills": two theme filters, two facet entries, two
rows to name in every language. Of each set of such tags the one carried most
often stays (the oldest on a tie); the links of the others move to it, except a
link the object already has to the kept tag (no object carries a theme twice),
and so do their theme names in the languages the kept tag has no name in yet.
Then the others go.

The links are found through every foreign key to Tag the migration state knows
(practices' and events' themes, news tags, members' expertise, taggit's own
generic links), so taxonomy imports no app here either; an app whose tables do not
exist yet has no links to move. A follow of a merged tag's slug (notifications)
keeps naming a tag that is gone, as after any tag deletion.
"""

from collections import Counter, defaultdict

from django.db import migrations

THEME_NAMES = ("taxonomy", "themename")


def tag_links(Tag):
    """(model, tag foreign key) of every table that points at Tag."""
    for relation in Tag._meta.related_objects:
        model = relation.related_model
        if relation.one_to_many and (
            model._meta.app_label,
            model._meta.model_name,
        ) != THEME_NAMES:
            yield model, relation.field


def merge_case_duplicate_tags(apps, schema_editor):
    Tag = apps.get_model("taggit", "Tag")
    ThemeName = apps.get_model("taxonomy", "ThemeName")
    same_name = defaultdict(list)
    for pk, name in Tag.objects.order_by("pk").values_list("pk", "name"):
        same_name[name.lower()].append(pk)
    groups = [pks for pks in same_name.values() if len(pks) > 1]
    if not groups:
        return
    links = list(tag_links(Tag))
    duplicated = [pk for pks in groups for pk in pks]
    uses = Counter()
    for model, field in links:
        rows = model.objects.filter(**{f"{field.attname}__in": duplicated})
        uses.update(rows.values_list(field.attname, flat=True))
    for pks in groups:
        kept = max(pks, key=lambda pk: (uses[pk], -pk))
        merged = [pk for pk in pks if pk != kept]
        for model, field in links:
            move_links(model, field, kept, merged)
        move_links(ThemeName, ThemeName._meta.get_field("tag"), kept, merged, ["language"])
        Tag.objects.filter(pk__in=merged).delete()


def move_links(model, field, kept, merged, key_fields=None):
    """Point `model`'s rows of the `merged` tags at `kept`; a row whose
    `key_fields` (by default all but the id and the tag: the tagged object) the
    kept tag already has is deleted instead."""
    if key_fields is None:
        key_fields = [
            f.attname
            for f in model._meta.concrete_fields
            if not f.primary_key and f.attname != field.attname
        ]
    rows = model.objects.filter(**{f"{field.attname}__in": merged})
    if not rows.exists():
        return
    taken = set(
        model.objects.filter(**{field.attname: kept}).values_list(*key_fields)
    )
    moved, dropped = [], []
    for row in rows.order_by("pk").values("pk", *key_fields):
        key = tuple(row[name] for name in key_fields)
        (dropped if key in taken else moved).append(row["pk"])
        taken.add(key)
    model.objects.filter(pk__in=dropped).delete()
    model.objects.filter(pk__in=moved).update(**{field.attname: kept})


class Migration(migrations.Migration):

    dependencies = [
        ("taxonomy", "0004_seed_theme_names"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [
        migrations.RunPython(merge_case_duplicate_tags, migrations.RunPython.noop),
    ]
