"""A Whoosh segment writer for builds: the same segments as Whoosh's SegmentWriter, without its posting pool.

SegmentWriter hands every posting to a PostingPool: a Python tuple each, pickled into temporary run files once the pool
passes its memory limit (a rebuild of 100k articles wrote 7 GB of runs), merged back at commit and written one posting
at a time. BulkSegmentWriter keeps a segment's postings in compact arrays per field (term id, document number, weight,
and the values' bytes in one bytearray), and at commit writes each term's postings in blocks of the codec's size at
once. What it writes is what SegmentWriter writes: the same terms, postings, block statistics, lengths, stored fields
and columns (tests/test_bulkwriter.py compares them).

Its memory is bounded: when a segment's postings pass ``limitmb`` it is written out as a segment of its own and a new
one begun. The engine reads across segments; a build leaves a few more.
"""

from __future__ import annotations

import zlib
from array import array
from collections import defaultdict
from collections.abc import Callable, Mapping
from hashlib import md5
from itertools import accumulate, count, islice
from pickle import dumps
from struct import error as StructError
from struct import pack

import numpy as np
from whoosh.codec.whoosh3 import COMPRESSION_MIN_SIZE, WHOOSH3_HEADER_MAGIC, W3PostingsWriter, W3TermInfo
from whoosh.filedb.filetables import OrderedHashWriter, _lengths, md5_hash
from whoosh.formats import Frequency, Positions
from whoosh.system import pack_int, pack_long, pack_uint, pack_ushort
from whoosh.util.numeric import length_to_byte
from whoosh.writing import SegmentWriter

from .schema import CountedText

# What a posting costs in the arrays (term id 4, document 4, weight 8, value end 8 bytes), and a term in its field's
# dict (the key's bytes object and the dict's slot): for the memory bound.
_POSTING_BYTES = 24
_TERM_BYTES = 120
# Postings turned into Python lists at a time when a field is written.
_CHUNK_POSTINGS = 200_000
# Terms whose posting and term-table bytes are gathered before one write to each file (a few MB at most).
_WRITE_TERMS = 4096
_pack_terminfo = W3TermInfo._struct.pack
_pack_lengths = _lengths.pack
# The value of a term at one position (Positions.encode([position])), kept for the positions below this: a word once in
# an article is most of the exact field's postings, and its value then depends on its position only (about 100 bytes
# each: 1 MB at most).
_SINGLE_POSITIONS = 10_000
_single_position_values: dict[int, bytes] = {}


def _positions_value(positions: list[int]) -> bytes:
    """Return Positions.encode(positions): the count, then the pickled list of the gaps between positions."""
    if len(positions) == 1:
        position = positions[0]
        value = _single_position_values.get(position)
        if value is None:
            value = pack_uint(1) + dumps([position], 2)
            if 0 <= position < _SINGLE_POSITIONS:
                _single_position_values[position] = value
        return value
    return pack_uint(len(positions)) + dumps([b - a for a, b in zip([0, *positions], positions)], 2)


def _counted_columns(field, counted: Mapping, boost: float):
    """Return the postings CountedText.index yields for an analysed value ({term: frequency} for a Frequency field,
    {term: [positions]} for a Positions one) as columns: (terms, frequencies, weights, values), the terms as the
    strings they are (encoded once per segment when it is written, not once per posting), the values
    either a list of bytes or, for frequencies, one bytes of 4 each. Return None for any other field or value (the
    caller asks the field)."""
    fieldformat = type(field.format)
    texts = list(counted)
    if fieldformat is Frequency:
        frequencies = list(counted.values())
        try:
            values = pack(f"!{len(frequencies)}I", *frequencies)  # pack_uint of each, together
        except StructError:
            return None  # positions given to a Frequency field: CountedText.index encodes them
        if not all(type(frequency) is int for frequency in frequencies):
            return None
    elif fieldformat is Positions:
        lists = list(counted.values())
        if not all(type(positions) is list for positions in lists):
            return None
        frequencies = [len(positions) for positions in lists]
        values = [_positions_value(positions) for positions in lists]
    else:
        return None
    field_boost = field.format.field_boost  # in CountedText.index's order: float(frequency) * field_boost, then * boost
    return texts, frequencies, [frequency * field_boost * boost for frequency in frequencies], values


class _FieldPostings:
    """One field's postings in a segment, in the order they were added (document numbers ascending).

    The terms of a ``textual`` field (CountedText: words) are kept as strings, encoded to UTF-8 when the segment is
    written: once a term, not once a posting, and a string's order is its UTF-8 bytes' order (code points). Other
    fields' terms are Whoosh's bytes (numbers, dates)."""

    __slots__ = ("textual", "terms", "termids", "docnums", "weights", "ends", "values")

    def __init__(self, textual: bool = False):
        self.textual = textual
        # Term -> term id, numbered in the order the terms first come (a new term gets the next id, all in C).
        self.terms: dict[str | bytes, int] = defaultdict(count().__next__)
        self.termids = array("I")
        self.docnums = array("I")
        self.weights = array("d")
        self.ends = array("Q")  # where each posting's value ends in ``values``
        self.values = bytearray()

    def add(self, docnum: int, items: list[tuple[bytes, float, bytes]]) -> None:
        """Add one document's postings: (term bytes, weight, value bytes) each."""
        texts = [text for text, _weight, _value in items]
        if self.textual:
            texts = [text.decode("utf-8") for text in texts]
        self.add_columns(docnum, texts, [weight for _text, weight, _value in items],
                         [value or b"" for _text, _weight, value in items])

    def add_columns(self, docnum: int, texts: list[bytes], weights: list[float], values: list[bytes] | bytes) -> None:
        """Add one document's postings as columns: terms (strings for a textual field, else bytes), weights, and
        values (a list of bytes, or one bytes of 4 per posting: frequencies packed together)."""
        self.termids.extend(map(self.terms.__getitem__, texts))
        self.docnums.extend([docnum] * len(texts))
        self.weights.extend(weights)
        start = len(self.values)
        if isinstance(values, bytes):
            self.ends.extend(range(start + 4, start + len(values) + 1, 4))
            self.values += values
        else:
            self.ends.extend(islice(accumulate(map(len, values), initial=start), 1, None))
            self.values += b"".join(values)

    def nbytes(self) -> int:
        return len(self.termids) * _POSTING_BYTES + len(self.values) + len(self.terms) * _TERM_BYTES

    def sorted_postings(self):
        """Yield (term, documents, weights, values) per term in term order (the term a string for a textual field,
        else bytes), each term's postings in document
        order. The postings become Python lists a slice of terms at a time (about _CHUNK_POSTINGS of them), so that
        writing a field costs little more memory than holding it."""
        if not self.termids:
            return
        ordered = sorted(self.terms.items())
        rank = np.empty(len(ordered), dtype=np.int64)
        rank[np.fromiter((termid for _text, termid in ordered), dtype=np.int64, count=len(ordered))] = np.arange(
            len(ordered))
        keys = rank[np.frombuffer(self.termids, dtype=np.uint32)]
        order = np.argsort(keys, kind="stable")  # stable: each term's postings stay in the order added, by document
        bounds = np.concatenate(([0], np.cumsum(np.bincount(keys, minlength=len(ordered)))))
        del keys
        docnums = np.frombuffer(self.docnums, dtype=np.uint32)
        weights = np.frombuffer(self.weights, dtype=np.float64)
        ends = np.frombuffer(self.ends, dtype=np.uint64).astype(np.int64)
        starts = np.concatenate(([0], ends[:-1]))
        buffer = bytes(self.values)
        first = 0
        while first < len(ordered):
            # The terms whose postings end within _CHUNK_POSTINGS of this slice's first posting (one term at least).
            last = max(first + 1, int(np.searchsorted(bounds, bounds[first] + _CHUNK_POSTINGS, side="right")) - 1)
            low, high = int(bounds[first]), int(bounds[last])
            chunk = order[low:high]
            chunk_docnums = docnums[chunk].tolist()
            chunk_weights = weights[chunk].tolist()
            chunk_values = [buffer[start:end] for start, end in zip(starts[chunk].tolist(), ends[chunk].tolist(),
                                                                   strict=True)]
            for index in range(first, last):
                a, b = int(bounds[index]) - low, int(bounds[index + 1]) - low
                yield ordered[index][0], chunk_docnums[a:b], chunk_weights[a:b], chunk_values[a:b]
            first = last


# A slot of a term table's hash tables: the term's hash and where its key is (filetables._pointer, "!Iq").
_HASH_SLOT = np.dtype([("hash", ">u4"), ("position", ">i8")])


def _write_hash_tables(tindex: OrderedHashWriter) -> None:
    """Write a term table's 256 hash tables as HashWriter._write_hashes does: each bucket's (hash, position) entries
    placed in twice as many slots by linear probing, in the order they came, a slot written as filetables._pointer.
    Whoosh packs and writes each slot on its own (half a million file writes for a segment of 250k terms); here a
    bucket's table is one write. A free slot is one whose position is 0: no key starts there (the file's header)."""
    dbfile = tindex.dbfile
    directory = tindex.directory
    for entries in tindex.buckets:
        numslots = 2 * len(entries)
        directory.append((dbfile.tell(), numslots))
        if not numslots:
            continue
        hashes = [0] * numslots
        positions = [0] * numslots
        for hashval, position in entries:
            slot = (hashval >> 8) % numslots
            while positions[slot]:
                slot = (slot + 1) % numslots
            hashes[slot] = hashval
            positions[slot] = position
        table = np.empty(numslots, dtype=_HASH_SLOT)
        table["hash"] = hashes
        table["position"] = positions
        dbfile.write(table.tobytes())


class BulkSegmentWriter(SegmentWriter):
    """SegmentWriter that keeps postings in _FieldPostings instead of a PostingPool, and writes a segment of its own
    whenever they pass ``limitmb``. Adds documents only: no add_reader (merging other segments in) and no fields
    with separate spelling words; ``commit(merge=False)`` is what a build calls, so that no segment is merged in."""

    def __init__(self, ix, *, limitmb=128, on_segment: Callable[..., None] | None = None, words_of: str | None = None,
                 **kwargs):
        """``on_segment`` is called with each segment once it is written out (in this process, before the next
        document is added): a build prepares the segment's spelling index there, while its other writers go on.
        With ``words_of`` (a textual field), it is called with the segment and that field's words and their document
        frequencies, in order, as the writer wrote them (what spelling.segment_terms would read back)."""
        super().__init__(ix, limitmb=limitmb, **kwargs)
        self._limit = limitmb * 1024 * 1024
        self._fields: dict[str, _FieldPostings] = {}
        self._written: list = []  # the segments already written out by this writer
        self._on_segment = on_segment
        self._words_of = words_of
        self._words: tuple[list[str], list[int]] = ([], [])  # words_of's words in the segment being written

    def add_document(self, **fields):
        """SegmentWriter.add_document, with the postings kept in the field's _FieldPostings."""
        self._check_state()
        perdocwriter = self.perdocwriter
        schema = self.schema
        docnum = self.docnum
        docboost = self._doc_boost(fields)
        fieldnames = sorted([name for name in fields if not name.startswith("_")])
        self._check_fields(schema, fieldnames)
        perdocwriter.start_doc(docnum)
        try:
            for fieldname in fieldnames:
                value = fields.get(fieldname)
                if value is None:
                    continue
                field = schema[fieldname]
                if field.separate_spelling():
                    raise ValueError(f"BulkSegmentWriter does not write the spelling words of {fieldname!r}")
                length = 0
                if field.indexed:
                    fieldboost = self._field_boost(fields, fieldname, docboost)
                    postings = self._fields.get(fieldname)
                    if postings is None:
                        postings = self._fields[fieldname] = _FieldPostings(textual=isinstance(field, CountedText))
                    columns = (_counted_columns(field, value, fieldboost)
                               if isinstance(field, CountedText) and isinstance(value, Mapping) else None)
                    if columns is not None:  # an analysed text (documents.analyse_documents): no tuple per posting
                        texts, frequencies, weights, values = columns
                        if field.scorable:
                            length = sum(frequencies)
                        postings.add_columns(docnum, texts, weights, values)
                    else:
                        items = list(field.index(value))
                        if field.scorable:
                            length = sum(freq for _text, freq, _weight, _value in items)
                        postings.add(docnum, [(text, weight * fieldboost, value)
                                              for text, _freq, weight, value in items])
                if field.vector:
                    vitems = field.vector.word_values(value, field.analyzer, mode="index")
                    vitems = sorted((text, weight, vbytes) for text, _, weight, vbytes in vitems)
                    perdocwriter.add_vector_items(fieldname, field, vitems)
                customval = fields.get(f"_stored_{fieldname}", value)
                perdocwriter.add_field(fieldname, field, customval if field.stored else None, length)
                if field.column_type and customval is not None:
                    perdocwriter.add_column_value(fieldname, field.column_type, field.to_column_value(customval))
        except ValueError:
            perdocwriter.cancel_doc()
            raise
        perdocwriter.finish_doc()
        self._added = True
        self.docnum += 1
        if sum(postings.nbytes() for postings in self._fields.values()) > self._limit:
            self._write_out()
            self._next_segment()

    def add_reader(self, reader):
        raise NotImplementedError("BulkSegmentWriter adds documents only: commit with merge=False")

    def _write_out(self) -> None:
        """Write the current segment out, and hand it to ``on_segment``."""
        self._words = ([], [])
        segment = self._finalize_segment()
        self._written.append(segment)
        if self._on_segment is not None:
            if self._words_of is None:
                self._on_segment(segment)
            else:
                self._on_segment(segment, self._words)
        self._words = ([], [])

    def _next_segment(self):
        """Begin a new segment, numbered from 0, after one was written out."""
        codec = self.codec
        self.newsegment = codec.new_segment(self.storage, self.indexname)
        self.perdocwriter = codec.per_document_writer(self.storage, self.newsegment)
        self.fieldwriter = codec.field_writer(self.storage, self.newsegment)
        self.docnum = self.docbase = 0
        self._fields = {}
        self._added = False

    def _flush_segment(self):
        """Write the segment's terms and postings (SegmentWriter's writes the pool's)."""
        self.perdocwriter.close()
        lengths = self.per_document_reader() if self.codec.length_stats else None
        try:
            for fieldname in sorted(self._fields):
                if self._fields[fieldname].termids:  # a field given only empty values has no terms: Whoosh's
                    self._write_field(fieldname, self._fields[fieldname], lengths)  # writer never starts it
        finally:
            if lengths:
                lengths.close()
        self._fields = {}
        tindex = getattr(self.fieldwriter, "_tindex", None)
        if type(tindex) is OrderedHashWriter:
            tindex._write_hashes = lambda: _write_hash_tables(tindex)
        self.fieldwriter.close()

    def _write_field(self, fieldname, postings: _FieldPostings, lengths) -> None:
        """Write one field's terms and their postings: the bytes W3FieldWriter and W3PostingsWriter write (the blocks
        of W3PostingsWriter._write_block, the term info of W3TermInfo.to_bytes, the term table's rows and hashes of
        OrderedHashWriter.add), made here a term at a time and written a few thousand terms at once. Whoosh's writers
        make a Python object per posting and per block, and call a file write per piece: that was most of a build's
        commit (6 of its 10 ms per article, issue 17)."""
        fieldwriter = self.fieldwriter
        field = self.schema[fieldname]
        doc_lengths = self._doc_lengths(fieldname, lengths)
        fieldwriter.start_field(fieldname, field)
        terms = postings.sorted_postings()
        if fieldname == self._words_of:
            terms = self._listed(terms, postings)
        postwriter = fieldwriter._postwriter
        if type(postwriter) is not W3PostingsWriter or postwriter._byteids or postwriter._inlinelimit != 1:
            self._write_field_by_posting(fieldwriter, terms, postings.textual, doc_lengths)  # another codec
            return
        blocklimit = postwriter._blocklimit
        compression = postwriter._compression
        fixedsize = field.format.fixed_value_size()
        prefix = pack_ushort(fieldwriter._fieldid)
        postfile, tindex = fieldwriter._postfile, fieldwriter._tindex
        termfile, buckets, index_append = tindex.dbfile, tindex.buckets, tindex.index.append
        if md5_hash is not tindex.hashfn:
            raise ValueError("BulkSegmentWriter writes term tables hashed with MD5 only")
        posted, termed = [], []
        offset, termoffset = postfile.tell(), termfile.tell()
        key = tindex.lastkey
        textual = postings.textual
        float32 = array("f", [0.0])
        for number, (text, docnums, weights, values) in enumerate(terms, 1):
            start = offset
            posted.append(WHOOSH3_HEADER_MAGIC)
            offset += 4
            size = len(docnums)
            if size == 1:
                # A term in one document (most of a segment's words): the one block of the loop below, without it.
                docnum = docnums[0]
                weight = weights[0]
                float32[0] = weight  # as the block keeps it (past float32's range: inf, as array("f") has it)
                total = float32[0]
                maxweight = weight if weight > 0 else 0  # max(0, weight)
                length = doc_lengths[docnum] if doc_lengths is not None else 0
                minlength, maxlength = (length, length) if length else (None, 0)
                if fixedsize == 0:
                    mini_values = None
                else:
                    value = values[0]
                    mini_values = ((value,) if value else ()) if fixedsize is None or fixedsize < 0 else value
                data = dumps(((docnum,), None if total == 1.0 else total, mini_values), 2)
                level = compression if len(data) >= COMPRESSION_MIN_SIZE else 0
                if level:
                    data = zlib.compress(data, level)
                info = dumps((1, docnum, maxweight, level, length_to_byte(minlength), length_to_byte(maxlength)), 2)
                length = len(info) + len(data)
                posted.append(pack_int(-length))
                posted.append(info)
                posted.append(data)
                offset += 4 + length
            else:
                total, minlength, maxlength, maxweight = 0, None, 0, 0
                for low in range(0, size, blocklimit):
                    high = low + blocklimit
                    ids = docnums[low:high]
                    block_weights = weights[low:high]
                    stored = array("f", block_weights)  # the block keeps float32 weights
                    block_maxweight = max(0, max(block_weights))
                    if doc_lengths is not None:
                        block_lengths = [length for length in map(doc_lengths.__getitem__, ids) if length]
                        block_minlength = min(block_lengths) if block_lengths else None
                        block_maxlength = max(block_lengths) if block_lengths else 0
                    else:
                        block_minlength, block_maxlength = None, 0
                    # W3TermInfo.add_block
                    total += sum(stored)
                    minlength = block_minlength if minlength is None else min(minlength, block_minlength)
                    maxlength = max(maxlength, block_maxlength)
                    maxweight = max(maxweight, block_maxweight)
                    # W3PostingsWriter._mini_ids, _mini_weights, _mini_values
                    floats = stored.tolist()
                    first = floats[0]
                    if floats.count(first) == len(floats):
                        mini_weights = None if first == 1.0 else first
                    else:
                        mini_weights = tuple(floats)
                    if fixedsize == 0:
                        mini_values = None
                    else:
                        block_values = [value for value in values[low:high] if value]
                        mini_values = tuple(block_values) if fixedsize is None or fixedsize < 0 else b"".join(
                            block_values)
                    data = dumps((tuple([b - a for a, b in zip([0, *ids], ids)]), mini_weights, mini_values), 2)
                    level = compression if len(data) >= COMPRESSION_MIN_SIZE else 0
                    if level:
                        data = zlib.compress(data, level)
                    info = dumps((len(ids), ids[-1], block_maxweight, level, length_to_byte(block_minlength),
                                  length_to_byte(block_maxlength)), 2)
                    length = len(info) + len(data)
                    posted.append(pack_int(-length if high >= size else length))
                    posted.append(info)
                    posted.append(data)
                    offset += 4 + length
            # W3TermInfo.to_bytes, OrderedHashWriter.add
            value = _pack_terminfo(False, total, size, 0 if minlength is None else length_to_byte(minlength),
                                   length_to_byte(maxlength), maxweight, docnums[0], docnums[-1]) + pack_long(
                start) + pack_int(offset - start)
            key = prefix + (text.encode("utf-8") if textual else text)
            index_append(termoffset)
            termed.append(_pack_lengths(len(key), len(value)))
            termed.append(key)
            termed.append(value)
            hashed = int.from_bytes(md5(key, usedforsecurity=False).digest()[-4:], "big")  # md5_hash, at a third
            buckets[hashed & 255].append((hashed, termoffset))
            termoffset += 8 + len(key) + len(value)
            if number % _WRITE_TERMS == 0:
                postfile.write(b"".join(posted))
                termfile.write(b"".join(termed))
                posted, termed = [], []
        postfile.write(b"".join(posted))
        termfile.write(b"".join(termed))
        tindex.lastkey = key
        fieldwriter.finish_field()

    def _listed(self, terms, postings: _FieldPostings):
        """Yield ``terms`` (sorted_postings), noting each word and its document frequency for on_segment."""
        if not postings.textual:
            raise ValueError("BulkSegmentWriter lists the words of textual fields only")
        words, frequencies = self._words
        for term in terms:
            words.append(term[0])
            frequencies.append(len(term[1]))
            yield term

    def _write_field_by_posting(self, fieldwriter, terms, textual: bool, doc_lengths) -> None:
        """Write one field's terms through Whoosh's own postings writer, each term's postings in blocks as
        W3PostingsWriter.add_posting fills them: the block's ids, weights (float32), non-empty values, largest
        weight, and shortest and longest document."""
        postwriter = fieldwriter._postwriter
        blocklimit = postwriter._blocklimit
        for text, docnums, weights, values in terms:
            fieldwriter.start_term(text.encode("utf-8") if textual else text)
            for low in range(0, len(docnums), blocklimit):
                if low:
                    postwriter._write_block()
                high = low + blocklimit
                block_weights = weights[low:high]
                postwriter._ids = array("I", docnums[low:high])
                postwriter._weights = array("f", block_weights)
                postwriter._values = [value for value in values[low:high] if value]
                postwriter._maxweight = max(0, max(block_weights))
                if doc_lengths is not None:
                    block_lengths = [length for length in map(doc_lengths.__getitem__, docnums[low:high]) if length]
                    postwriter._minlength = min(block_lengths) if block_lengths else None
                    postwriter._maxlength = max(block_lengths) if block_lengths else 0
            fieldwriter.finish_term()
        fieldwriter.finish_field()

    def _doc_lengths(self, fieldname, lengths) -> list[int] | None:
        """Return each document's length in the field as the per-document reader gives it (what SegmentWriter's
        add_postings passes with each posting), or None when no posting carries one."""
        if lengths is None or not self.schema[fieldname].scorable:
            return None
        length_of = lengths.doc_field_length_reader(fieldname)
        return [length_of(docnum) or 0 for docnum in range(self.docnum)]

    def _close_segment(self):
        if not self.perdocwriter.is_closed:
            self.perdocwriter.close()
        if not self.fieldwriter.is_closed:
            self.fieldwriter.close()

    def segments_written(self) -> list:
        """Return the segments this writer has written out so far (the current one not among them)."""
        return list(self._written)

    def finish_segments(self) -> list:
        """Write out the current segment (when it holds documents) and return every segment this writer made."""
        if self._added:
            self._write_out()
        else:
            self._close_segment()
        return self.segments_written()

    def commit(self, mergetype=None, optimize=None, merge=None):
        """Write the segments out and make them part of the index, beside its segments (none merged)."""
        if merge or optimize or mergetype:
            raise ValueError("BulkSegmentWriter merges no segments: commit it with the defaults")
        self._check_state()
        try:
            self._commit_toc(list(self.segments) + self.finish_segments())
        except Exception:
            self._cleanup_on_error()
            raise
        self._finish()
