"""A workbook's shared-string table held compactly while a per-voter list is read: the table lives
through the whole read, and in such a list most of its texts are a voter's own numbers (NIK, NKK,
DPID: two or three a voter), kept here as 8-byte integers instead of texts (20 bytes with Arrow's
offset for a NIK): 24 instead of 43 MiB for a list of a million voters."""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

# A text that is a plain decimal number: no sign, no leading zero, below 2**64 (NIK, NKK, DPID).
_NUMBER = r"^[1-9][0-9]{0,18}$"


class SharedStrings:
    """Index -> text. The texts that are plain numbers as integers, the others as one Arrow array;
    which index is which is one bit an index, and the numbers before each 64 indexes are counted
    once, so an index finds its place by a bit count, never a search. `take` gives back the same
    texts. Filled piece by piece (`add`), then `done`."""

    def __init__(self):
        self._numbers: list[np.ndarray] = []
        self._texts: list[pa.Array] = []
        self._is_number: list[np.ndarray] = []

    @classmethod
    def of(cls, texts: pa.Array) -> SharedStrings:
        table = cls()
        table.add(texts)
        return table.done()

    def add(self, texts: pa.Array) -> None:
        """The next texts of the table, in order (a piece of its XML)."""
        self.add_parts(parts(texts))

    def add_parts(self, parts: tuple[np.ndarray, pa.Array, np.ndarray]) -> None:
        """The next texts of the table as `parts` gave them (made on another thread), in order."""
        numbers, texts, is_number = parts
        self._numbers.append(numbers)
        self._texts.append(texts)
        self._is_number.append(is_number)

    def done(self) -> SharedStrings:
        is_number = np.concatenate(self._is_number) if self._is_number else np.empty(0, bool)
        self.length = len(is_number)
        self.numbers = np.concatenate(self._numbers) if self._numbers else np.empty(0, np.uint64)
        self.texts = pa.concat_arrays(self._texts) if self._texts else pa.array([], pa.string())
        del self._numbers, self._texts, self._is_number
        bits = np.packbits(is_number, bitorder="little")
        self.words = np.zeros((len(bits) + 7) // 8 + 1, np.int64)  # bit 63 ends a word: masks stay positive
        self.words.view(np.uint8)[: len(bits)] = bits
        self.before = np.concatenate(([0], np.cumsum(np.bitwise_count(self.words.view(np.uint64)), dtype=np.int64)))
        return self

    def __len__(self) -> int:
        return self.length

    def take(self, index: pa.Array) -> pa.Array:
        """The texts at `index` (int64; nulls and indexes outside the table give null)."""
        at = pc.fill_null(index, -1).to_numpy()
        valid = (at >= 0) & (at < self.length)
        at = np.where(valid, at, 0)
        word, bit = at >> 6, at & 63
        words = self.words[word]
        is_number = ((words >> bit) & 1).astype(bool)
        rank = self.before[word] + np.bitwise_count(words & ((1 << bit) - 1))  # numbers before `at`
        is_number &= valid
        texts = self.texts.take(pa.array(at - rank, mask=~(valid & ~is_number)))
        if not is_number.any():
            return texts
        # only the numbers taken are written as texts, then put in their places
        numbers = pa.array(self.numbers[rank[is_number]]).cast(pa.string())
        return pc.replace_with_mask(texts, pa.array(is_number), numbers)


def parts(texts: pa.Array) -> tuple[np.ndarray, pa.Array, np.ndarray]:
    """`texts` as a SharedStrings keeps them: (the plain numbers as integers, the other texts,
    which of `texts` is a number)."""
    # _NUMBER, in three simple passes (a third of the regular expression's time)
    digits = pc.and_(pc.ascii_is_decimal(texts), pc.less_equal(pc.binary_length(texts), 19))
    is_number = pc.fill_null(pc.and_(digits, pc.invert(pc.starts_with(texts, "0"))), False)
    return (
        pc.filter(texts, is_number).cast(pa.uint64()).to_numpy(),
        pc.filter(texts, pc.invert(is_number)),
        is_number.to_numpy(zero_copy_only=False),
    )
