"""Writing practices, events and organisations to Elasticsearch.

* :mod:`.practice_documents`: a PracticePage as the indexed dict, every live
  public practice in turn, one page brought in line with the database.
* :mod:`.directory_documents`: the same for events and organisations (the
  directory index behind the alias ``<prefix>-directory``).
* :mod:`.writes`: one entry written or removed behind an alias; many documents
  sent with the bulk API.
* :mod:`.lifecycle`: a new index created, filled and put behind its alias (one
  routine for both indices), and their status against the database and the
  code's schema fingerprint.
* :mod:`.pending`: updates that could not reach Elasticsearch, remembered and
  replayed.
"""
