"""Bounded reading of ZIP-based uploads (docx, odt, xlsx, ...).

A ZIP can declare a few entries and expand to gigabytes (a decompression bomb), or
hold hundreds of thousands of empty entries whose directory alone fills memory.
`bounded_archive` refuses both before Python's zipfile builds its directory, then
checks declared sizes and compression ratios, and finally streams every entry in
small chunks, counting the bytes actually produced, so a header that lies about
sizes is caught too (zipfile stops at the declared size and the CRC check fails).
Memory stays at one chunk whatever the archive holds.
"""

import zipfile
from contextlib import contextmanager

from django.conf import settings

CHUNK = 64 * 1024
MAX_ENTRIES = 10_000
MAX_RATIO = 500  # expanded / compressed, for entries over RATIO_FLOOR
RATIO_FLOOR = 1024 * 1024


class ArchiveRefused(Exception):
    def __init__(self, limit):
        super().__init__(limit)
        self.limit = limit


class ArchiveTooLarge(ArchiveRefused):
    """Expands (declared or actually) to more than `limit` bytes."""


class ArchiveTooManyEntries(ArchiveRefused):
    """Holds more than `limit` entries."""


def max_unpacked_bytes():
    return settings.MAX_UNPACKED_MB * 1024 * 1024


def _declared_entry_count(fileobj):
    # The end-of-central-directory record gives the count without reading the
    # directory itself. zipfile._EndRecData is private but has kept its shape
    # since Python 2; a changed shape raises and the upload is refused as damaged.
    record = zipfile._EndRecData(fileobj)
    if not record:
        raise zipfile.BadZipFile("no end of central directory")
    return record[zipfile._ECD_ENTRIES_TOTAL]


class BoundedArchive:
    def __init__(self, archive):
        self.archive = archive
        self.infos = archive.infolist()
        self.names = {info.filename for info in self.infos}

    def first_bytes(self, name, size):
        with self.archive.open(name) as entry:
            return entry.read(size)

    def check_declared(self):
        limit = max_unpacked_bytes()
        if len(self.infos) > MAX_ENTRIES:
            raise ArchiveTooManyEntries(MAX_ENTRIES)
        if sum(info.file_size for info in self.infos) > limit:
            raise ArchiveTooLarge(limit)
        for info in self.infos:
            ratio = info.file_size / max(info.compress_size, 1)
            if info.file_size > RATIO_FLOOR and ratio > MAX_RATIO:
                raise ArchiveTooLarge(limit)

    def stream_all(self):
        """Decompress every entry chunk by chunk; count what actually comes out."""
        limit, produced = max_unpacked_bytes(), 0
        for info in self.infos:
            if info.is_dir():
                continue
            with self.archive.open(info) as entry:
                while chunk := entry.read(CHUNK):
                    produced += len(chunk)
                    if produced > limit:
                        raise ArchiveTooLarge(limit)


@contextmanager
def bounded_archive(fileobj):
    """Open a ZIP upload after bounding it; raises ArchiveRefused or BadZipFile."""
    if _declared_entry_count(fileobj) > MAX_ENTRIES:
        raise ArchiveTooManyEntries(MAX_ENTRIES)
    fileobj.seek(0)
    with zipfile.ZipFile(fileobj) as archive:
        bounded = BoundedArchive(archive)
        bounded.check_declared()
        bounded.stream_all()
        yield bounded
