"""PostgreSQL's own additions to the store, numbered apart from the shared schema version
(``meta`` key ``pg_revision``, applied by :func:`analysis.store.pg_schema.ensure_schema` after
the migrations, in the same transaction): derived tables kept by triggers and indexes that
DuckDB does without. Each revision's statements stay as they were first applied; a change is a
new revision.
"""

from __future__ import annotations

_ROLLUP_ROWS = """
    SELECT date_trunc('hour', published_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC', platform,
           kind, sentiment_label, coalesce(sentiment_conf >= 0, false), {sign}count(*)
    FROM {rows} GROUP BY 1, 2, 3, 4, 5
    ON CONFLICT (hour, platform, kind, sentiment_label, labelled)
    DO UPDATE SET n = r.n + excluded.n;
    INSERT INTO document_sources AS r
    SELECT source, {sign}count(*) FROM {rows} WHERE source IS NOT NULL AND source <> ''
    GROUP BY 1 ON CONFLICT (source) DO UPDATE SET n = r.n + excluded.n;"""

ROLLUPS = f"""
CREATE TABLE documents_hourly (
    hour TIMESTAMPTZ NOT NULL,
    platform VARCHAR NOT NULL,
    kind VARCHAR NOT NULL,
    sentiment_label VARCHAR,
    labelled BOOLEAN NOT NULL,
    n BIGINT NOT NULL,
    UNIQUE NULLS NOT DISTINCT (hour, platform, kind, sentiment_label, labelled)
);
CREATE TABLE document_sources (source VARCHAR PRIMARY KEY, n BIGINT NOT NULL);
CREATE FUNCTION documents_rollup() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        INSERT INTO documents_hourly AS r{_ROLLUP_ROWS.format(sign="-", rows="old_rows")}
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO documents_hourly AS r{_ROLLUP_ROWS.format(sign="", rows="new_rows")}
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER documents_rollup_insert AFTER INSERT ON documents
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION documents_rollup();
CREATE TRIGGER documents_rollup_update AFTER UPDATE ON documents
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION documents_rollup();
CREATE TRIGGER documents_rollup_delete AFTER DELETE ON documents
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION documents_rollup();
INSERT INTO documents_hourly AS r{_ROLLUP_ROWS.format(sign="", rows="documents")}
"""
"""PostgreSQL revision 1: counts of documents per UTC hour, platform, kind, current sentiment
label and whether that label counts at confidence 0 (``documents_hourly``), and per source
(``document_sources``), kept by statement triggers on ``documents`` in the writer's own
transaction (every insert, COPY, score update and delete adds or subtracts its rows' counts;
a count may reach 0 and stay). The dashboard's whole-period charts and filter options read
them instead of scanning a million texts (:mod:`analysis.store.rollups`)."""

CLAIM_INDEXES = """
CREATE INDEX documents_hoax_claim ON documents (hoax_claim)
    INCLUDE (published_at, author, platform, hoax_claim_match) WHERE hoax_claim IS NOT NULL;
CREATE INDEX documents_hoax_denied ON documents (hoax_denied) WHERE hoax_denied IS NOT NULL;
"""
"""PostgreSQL revision 2: the texts repeating or denying a bank claim, found without reading
every text (spreading claims: an index-only scan of the one in six texts that repeat a claim,
where the visibility map allows, and the denials of the 20 claims shown by index)."""

SEARCH_INDEXES = """
CREATE INDEX documents_uncertain ON documents (sentiment_conf, id);
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm') THEN
        BEGIN
            CREATE EXTENSION IF NOT EXISTS pg_trgm;
            CREATE INDEX documents_text_trgm ON documents USING gin (text gin_trgm_ops);
        EXCEPTION WHEN insufficient_privilege OR undefined_object OR undefined_file THEN
            RAISE NOTICE 'pg_trgm unavailable (%): keyword search reads every text', SQLERRM;
        END;
    END IF;
END $$;
"""
"""PostgreSQL revision 3: the least certain texts first (Koreksi: ``ORDER BY sentiment_score
ASC NULLS LAST, id``, a B-tree's own order, so the first 50 are read from the index instead
of sorting every text), and a trigram index on the text for keyword search: the ``docs``
view's ``text ~ '(?i)word'`` tests (and the watchlist's) are answered from the texts holding
the word's trigrams, with PostgreSQL's regular expression still deciding each match, so the
results are the same. ``pg_trgm`` ships with PostgreSQL (contrib) and is a trusted extension
(the store's owner may create it); where it is missing or refused, the store goes on without
the index, reading every text as before."""

_MIRRORED = ("published_at", "platform", "kind", "source", "author", "likes", "shares",
             "replies", "sentiment_label", "sentiment_conf")
"""The columns of a document that :data:`ENTITY_DOCUMENTS` keeps beside each of its hits."""
_MIRROR = ", ".join(_MIRRORED)
MIRROR_LOCK = 0x70616E746177
"""The advisory lock that orders changes to ``entity_hits`` after changes to ``documents``
in other transactions (:data:`ENTITY_DOCUMENTS`)."""
_FROM_DOCS = ", ".join("d." + c for c in _MIRRORED)

ENTITY_DOCUMENTS = f"""
CREATE TABLE document_uploads (upload_id VARCHAR PRIMARY KEY, n BIGINT NOT NULL);
CREATE FUNCTION documents_per_upload() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        INSERT INTO document_uploads AS r SELECT upload_id, -count(*) FROM old_rows
        GROUP BY 1 ON CONFLICT (upload_id) DO UPDATE SET n = r.n + excluded.n;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO document_uploads AS r SELECT upload_id, count(*) FROM new_rows
        GROUP BY 1 ON CONFLICT (upload_id) DO UPDATE SET n = r.n + excluded.n;
    END IF;
    RETURN NULL;
END $$;
INSERT INTO document_uploads SELECT upload_id, count(*) FROM documents GROUP BY 1;

CREATE INDEX entity_hits_doc ON entity_hits (doc_id);
CREATE TABLE entity_documents (
    entity VARCHAR, doc_id VARCHAR NOT NULL, published_at TIMESTAMPTZ NOT NULL,
    platform VARCHAR NOT NULL, kind VARCHAR NOT NULL, source VARCHAR, author VARCHAR,
    likes BIGINT, shares BIGINT, replies BIGINT, sentiment_label VARCHAR,
    sentiment_conf DOUBLE PRECISION);
CREATE INDEX entity_documents_doc ON entity_documents (doc_id, entity);
CREATE INDEX entity_documents_entity ON entity_documents (entity, published_at);
CREATE FUNCTION documents_entities() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_advisory_xact_lock_shared({MIRROR_LOCK});
    IF TG_OP = 'DELETE' THEN
        DELETE FROM entity_documents e USING old_rows o WHERE e.doc_id = o.id;
    ELSIF TG_OP = 'UPDATE' THEN
        UPDATE entity_documents e SET ({_MIRROR}) = ({_FROM_DOCS})
        FROM new_rows d WHERE e.doc_id = d.id
          AND ({", ".join("e." + c for c in _MIRRORED)}) IS DISTINCT FROM ({_FROM_DOCS});
    ELSE
        INSERT INTO entity_documents
        SELECT h.entity, d.id, {_FROM_DOCS} FROM new_rows d JOIN entity_hits h ON h.doc_id = d.id;
    END IF;
    RETURN NULL;
END $$;
CREATE FUNCTION entity_hits_documents() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_advisory_xact_lock({MIRROR_LOCK});
    IF TG_OP = 'DELETE' THEN
        DELETE FROM entity_documents e
        USING (SELECT DISTINCT entity, doc_id FROM old_rows) o
        WHERE e.doc_id = o.doc_id AND e.entity IS NOT DISTINCT FROM o.entity;
    ELSE
        INSERT INTO entity_documents
        SELECT h.entity, d.id, {_FROM_DOCS} FROM new_rows h JOIN documents d ON d.id = h.doc_id;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER documents_uploads_insert AFTER INSERT ON documents
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION documents_per_upload();
CREATE TRIGGER documents_uploads_update AFTER UPDATE ON documents
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION documents_per_upload();
CREATE TRIGGER documents_uploads_delete AFTER DELETE ON documents
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION documents_per_upload();
CREATE TRIGGER documents_entities_insert AFTER INSERT ON documents
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION documents_entities();
CREATE TRIGGER documents_entities_update AFTER UPDATE ON documents
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION documents_entities();
CREATE TRIGGER documents_entities_delete AFTER DELETE ON documents
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION documents_entities();
CREATE TRIGGER entity_hits_documents_insert AFTER INSERT ON entity_hits
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
    EXECUTE FUNCTION entity_hits_documents();
CREATE TRIGGER entity_hits_documents_delete AFTER DELETE ON entity_hits
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT
    EXECUTE FUNCTION entity_hits_documents();
INSERT INTO entity_documents
SELECT h.entity, d.id, {_FROM_DOCS} FROM entity_hits h JOIN documents d ON d.id = h.doc_id;
"""
"""PostgreSQL revision 4, for the Entitas page and the tagging before it:

* ``document_uploads``: documents per upload, kept by statement triggers like
  :data:`ROLLUPS` (a count may reach 0 and stay), so the check for uploads to tag again
  (:func:`analysis.store.watchlist.tag`, on every Entitas page run) reads a few rows instead of
  counting a million documents;
* ``entity_documents``: every hit of ``entity_hits`` joined to its document, with the
  document's columns the entity reads filter and count by (time, platform, kind, source,
  author, engagement, current sentiment). Statement triggers keep it the join of the two
  tables as they are: a hit tagged or dropped adds or drops its row, a document stored,
  rescored (its current sentiment) or deleted does the same to the rows of its hits (a
  document's id is never changed). Tagging and scoring run at once in separate
  transactions, so the triggers take :data:`MIRROR_LOCK` until their transaction ends:
  shared on ``documents`` (writers of documents do not wait for each other), exclusive on
  ``entity_hits``. A tagging waits for the rescorings under way to commit and then reads the
  texts as rescored; a rescoring during a tagging waits for it, and its trigger then finds
  the hits the tagging added (row locks instead deadlocked: the tagging drops and adds the
  hits of the texts being rescored). The Entitas reads then count a narrow table of the hits
  instead of joining every filtered text to them (:mod:`analysis.store.watchlist`); a
  keyword filter, which needs the texts, still joins."""

PG_REVISIONS: dict[int, str] = {1: ROLLUPS, 2: CLAIM_INDEXES, 3: SEARCH_INDEXES,
                                4: ENTITY_DOCUMENTS}
"""PostgreSQL-only additions, numbered apart from the shared schema version (``meta`` key
``pg_revision``): indexes and derived tables DuckDB does without."""
DERIVED_TABLES = frozenset({"documents_hourly", "document_sources", "document_uploads",
                            "entity_documents"})
"""Tables computed from ``documents`` by triggers: a store copy leaves them to those."""
