"""A text column as codes into its distinct values, so that per-value work is done once per value.

A million-row table has a few hundred distinct countries, places or event types: cleaning,
looking up and renaming them one value at a time, then indexing, costs what a few hundred
Python calls cost, not a million.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd


@dataclass(frozen=True)
class Coded:
    """``values[codes[i]]`` is row i's text; code -1 is an empty cell. ``values`` are distinct and non-empty.

    >>> c = Coded.of(["a", "", "b", "a"])
    >>> c.strings().tolist(), c.empty.tolist()
    (['a', '', 'b', 'a'], [False, True, False, False])
    >>> c.fill(Coded.of(["x", "y", "z", "w"])).strings().tolist()
    ['a', 'y', 'b', 'a']
    """

    codes: np.ndarray
    values: np.ndarray

    @classmethod
    def of(cls, strings) -> Coded:
        """From strings ('' or None for an empty cell), as they are."""
        codes, uniques = pd.factorize(pd.Series(strings, dtype=object).fillna(""), use_na_sentinel=True)
        return cls.from_codes(codes, np.asarray(uniques, dtype=object))

    @classmethod
    def of_series(cls, values) -> Coded:
        """From a column of text (categorical or not); missing cells and '' are empty."""
        values = pd.Series(values) if not isinstance(values, pd.Series) else values
        if isinstance(values.dtype, pd.CategoricalDtype):
            categories = np.asarray(values.cat.categories.astype(object), dtype=object)
            return cls.from_codes(values.cat.codes.to_numpy(dtype=np.int64),
                                  np.array([c if isinstance(c, str) else "" for c in categories], dtype=object))
        codes, uniques = pd.factorize(values, use_na_sentinel=True)
        return cls.from_codes(codes, np.array([u if isinstance(u, str) else str(u) for u in uniques], dtype=object))

    @classmethod
    def cleaned(cls, codes: np.ndarray, uniques, clean: Callable[[object], str]) -> Coded:
        """``clean`` applied to each distinct value (those that become '' are empty cells)."""
        return cls.from_codes(codes, np.array([clean(u) for u in uniques], dtype=object))

    @classmethod
    def empty_of(cls, n: int) -> Coded:
        return cls(np.full(n, -1, dtype=np.int64), np.zeros(0, dtype=object))

    @classmethod
    def repeat(cls, value: str, n: int) -> Coded:
        return cls(np.zeros(n, dtype=np.int64), np.array([value], dtype=object)) if value else cls.empty_of(n)

    @classmethod
    def from_codes(cls, codes: np.ndarray, values: np.ndarray) -> Coded:
        """Codes into possibly repeated or empty values, made into codes into distinct non-empty ones."""
        codes = np.asarray(codes, dtype=np.int64)
        if not len(values):
            return cls(np.full(len(codes), -1, dtype=np.int64), values)
        inner, distinct = pd.factorize(values)
        distinct = np.asarray(distinct, dtype=object)
        blank = np.flatnonzero(distinct == "")
        remap = inner.astype(np.int64)
        if len(blank):
            k = int(blank[0])
            remap = np.where(remap == k, -1, np.where(remap > k, remap - 1, remap))
            distinct = np.delete(distinct, k)
        remap = np.append(remap, -1)  # code -1 stays -1
        return cls(remap[codes], distinct)

    def __len__(self) -> int:
        return len(self.codes)

    @property
    def empty(self) -> np.ndarray:
        return self.codes < 0

    def any(self) -> bool:
        return bool(len(self.values)) and bool((self.codes >= 0).any())

    def strings(self, rows=None) -> np.ndarray:
        """Row texts as an object array ('' for empty cells), of all rows or of ``rows``."""
        codes = self.codes if rows is None else self.codes[rows]
        return np.append(self.values, "")[codes]

    def take(self, rows) -> Coded:
        return Coded(self.codes[rows], self.values)

    def map(self, func: Callable[[str], str] | dict) -> Coded:
        """``func`` (a callable or a dict) applied to each distinct value; '' or None results are empty."""
        get = func.get if isinstance(func, dict) else func
        return Coded.from_codes(self.codes, np.array([get(v) or "" for v in self.values], dtype=object))

    def fill(self, other: Coded) -> Coded:
        """This column's text, and ``other``'s where this one is empty."""
        if not self.empty.any() or not other.any():
            return self
        if not self.any():
            return other
        values = np.concatenate([self.values, other.values])
        codes = np.where(self.codes >= 0, self.codes, np.where(other.codes >= 0, other.codes + len(self.values), -1))
        return Coded.from_codes(codes, values)

    def where(self, mask: np.ndarray, other: Coded) -> Coded:
        """This column's text where ``mask``, ``other``'s elsewhere."""
        values = np.concatenate([self.values, other.values])
        other_codes = np.where(other.codes >= 0, other.codes + len(self.values), -1)
        return Coded.from_codes(np.where(mask, self.codes, other_codes), values)

    def categorical(self) -> pd.Categorical:
        """A pandas Categorical ('' for empty cells, so that every cell is text)."""
        values = np.append(self.values, "")
        codes = np.where(self.codes >= 0, self.codes, len(self.values))
        return pd.Categorical.from_codes(codes, categories=pd.Index(values, dtype=object))


def pair_codes(*columns: np.ndarray) -> tuple[np.ndarray, list[tuple[int, ...]]]:
    """Codes of the distinct combinations of several integer code columns (-1 allowed), and the
    combinations, without building a tuple per row.

    >>> pair_codes(np.array([0, 1, 0]), np.array([-1, 2, -1]))
    (array([0, 1, 0]), [(0, -1), (1, 2)])
    """
    columns = [np.asarray(c, dtype=np.int64) for c in columns]
    sizes = [int(c.max()) + 2 if len(c) else 1 for c in columns]
    key = np.zeros(len(columns[0]), dtype=np.int64)
    for column, size in zip(columns, sizes):
        key = key * size + (column + 1)
    codes, keys = pd.factorize(key)
    combos = []
    for k in np.asarray(keys, dtype=np.int64):
        parts = []
        for size in reversed(sizes):
            k, part = divmod(int(k), size)
            parts.append(part - 1)
        combos.append(tuple(reversed(parts)))
    return codes, combos
