"""EncryptedTextField: a text field stored sealed with core.crypto, opened on first read.

The model must have a ``code`` UUID field: it is bound into the associated data, so a sealed value
only opens in the row it was written for. Opening happens in the attribute descriptor, which knows
the row; the database and anything reading raw rows only ever see sealed values.
"""

from django.db import connections, models, transaction
from django.db.models.signals import post_save, pre_save

from . import crypto


class Sealed(str):
    """A value as stored, not yet opened."""


class _Loading(str):
    """A sealed value from a dump, on its way into the database by a raw save (loaddata). Django
    reads a raw save's values straight from the attribute, so it must not be opened there."""


def associated_data(instance, field) -> str:
    return f"{instance._meta.label_lower}.{field.name}:{instance.code}"


class _OpeningDescriptor:
    """The field's descriptor (Field.descriptor_class): opens a sealed value on first read.

    A data descriptor (it has __set__), so reads come here even when the value is in __dict__.
    A deferred field is loaded on first read, as Django's own descriptor does.
    """

    def __init__(self, field):
        self.field = field

    def __set__(self, instance, value):
        instance.__dict__[self.field.attname] = value

    def __get__(self, instance, cls=None):
        if instance is None:
            return self
        attname = self.field.attname
        if attname not in instance.__dict__:
            instance.refresh_from_db(fields=[attname])
        value = instance.__dict__[attname]
        # An empty stored value (a column added later, with "" for the rows before it) holds
        # nothing to open.
        if isinstance(value, Sealed) and value:
            value = crypto.open_sealed(
                value, associated_data=associated_data(instance, self.field)
            )
            instance.__dict__[attname] = value
        return value


class EncryptedTextField(models.TextField):
    descriptor_class = _OpeningDescriptor

    def from_db_value(self, value, expression, connection):
        return None if value is None else Sealed(value)

    def pre_save(self, model_instance, add):
        value = model_instance.__dict__.get(self.attname)
        if value is None:
            return value
        if isinstance(value, Sealed):
            if not is_stale(value) or crypto.key_id_of(value) not in crypto._keys():
                return value  # untouched since it was loaded: store it as it was
            # Loaded before a key rotation and saved after it: writing the old ciphertext back
            # would undo the rotation for this row, so seal the same text under the newest key.
            value = getattr(model_instance, self.attname)
        return crypto.seal(
            str(value), associated_data=associated_data(model_instance, self)
        )

    def get_prep_value(self, value):
        # Reaching here with plain text would store it in the clear (e.g. queryset.update()).
        if (
            value is not None
            and value != ""
            and not isinstance(value, Sealed)
            and not _looks_sealed(value)
        ):
            raise ValueError(
                "EncryptedTextField values are written through model.save(), never queryset.update()."
            )
        return value

    def value_to_string(self, obj):
        """Serialised sealed (dumpdata): a dump holds no private text, and loads back whole."""
        value = obj.__dict__.get(self.attname)
        if value is None or isinstance(value, Sealed):
            return value
        return crypto.seal(str(value), associated_data=associated_data(obj, self))

    def contribute_to_class(self, cls, name, *args, **kwargs):
        super().contribute_to_class(cls, name, *args, **kwargs)
        if not cls._meta.abstract:
            pre_save.connect(self._store_loaded_value_as_is, sender=cls, weak=False)
            post_save.connect(self._loaded_value_is_stored, sender=cls, weak=False)

    def _store_loaded_value_as_is(self, sender, instance, raw=False, **kwargs):
        """Loading a dump gives this field the sealed text as a plain string: store it as it is,
        rather than refusing it or sealing it a second time. Raw saves only (loaddata): nothing
        a person types takes this path."""
        value = instance.__dict__.get(self.attname)
        if raw and type(value) is str and _looks_sealed(value):
            instance.__dict__[self.attname] = _Loading(value)

    def _loaded_value_is_stored(self, sender, instance, raw=False, **kwargs):
        value = instance.__dict__.get(self.attname)
        if isinstance(value, _Loading):
            instance.__dict__[self.attname] = Sealed(value)


def _looks_sealed(value: str) -> bool:
    key_id, separator, _ = value.partition("$")
    return bool(separator) and key_id in crypto._keys()


def is_stale(raw) -> bool:
    """A stored value sealed under a key other than the newest."""
    return bool(raw) and crypto.key_id_of(raw) != crypto.current_key_id()


def reseal(instance, field_names: list[str]) -> bool:
    """Rewrites the named fields under the newest key if any is sealed under an older one.

    The caller holds the row locked from the read that loaded ``instance`` until this save
    commits (see ``reseal_row``): otherwise an edit saved in between would be overwritten by the
    older text read here.
    """
    stale = [
        name
        for name in field_names
        if isinstance(raw := instance.__dict__.get(name), Sealed) and is_stale(raw)
    ]
    for name in stale:
        setattr(
            instance, name, getattr(instance, name)
        )  # open with the old key, mark as plain
    if stale:
        instance.save(update_fields=stale)
    return bool(stale)


def reseal_row(model, pk, field_names: list[str]) -> bool:
    """Locks one row, reads it afresh and reseals it, in a transaction of its own.

    Safe while people edit: an edit either commits before the lock (and is what gets resealed)
    or waits for it (and is saved on top, under the newest key). On SQLite, where there are no
    row locks, the write transaction itself keeps the read and the write together.
    """
    alias = model._base_manager.db
    with transaction.atomic(using=alias):
        connection = connections[alias]
        if connection.vendor == "sqlite":
            # SQLite ignores FOR UPDATE; a write takes the database's write lock, so an empty
            # write first keeps any edit out until this transaction ends.
            table = connection.ops.quote_name(model._meta.db_table)
            column = connection.ops.quote_name(model._meta.pk.column)
            with connection.cursor() as cursor:
                cursor.execute(
                    f"UPDATE {table} SET {column} = {column} WHERE {column} = %s",  # noqa: S608
                    [pk],
                )
        instance = (
            model._base_manager.using(connection.alias)
            .select_for_update()
            .only("pk", "code", *field_names)
            .filter(pk=pk)
            .first()
        )
        if instance is None:  # deleted since the scan saw it
            return False
        return reseal(instance, field_names)
