"""A Semantle-style word game on a model's own vectors: guess the secret word by its neighbours.

Each guess gets its cosine to the secret word and, when it is among the secret's 1,000 nearest
vocabulary words, its rank there (1 = the closest word to the secret). The secret is drawn from
the ``[game] secrets`` list in ``data/lessons.toml`` by a seed, so a room that types the same seed
plays the same word, on GloVe or on the MiniLM vocabulary (`vocabulary`).

Example:
    >>> game = WordGame(glove, random_state=7)
    >>> game.guess("river")
    Guess(word='river', cosine=0.31..., rank=None)
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from ._linalg import one_thread, top_k, unit_rows
from ._validate import Interval, check
from .analogy import Neighbor, input_vectors
from .errors import EmptyInputError, InvalidParameterError
from .lessons import lesson
from .models import Embedder, WordEmbedder
from .texts import clean_text
from .vocabulary import Vocabulary, vocabulary

__all__ = [
    "GAME_SEED",
    "GAME_VOCAB",
    "NEAREST_RANKED",
    "Closeness",
    "Guess",
    "WordGame",
    "game_secrets",
    "opposites_closeness",
]

#: How many of the secret's nearest words carry a rank.
NEAREST_RANKED = 1_000
#: The seeds a room can type (a seed picks the secret).
GAME_SEED = Interval(0, 9_999, integer=True)
#: The vocabulary the ranks are counted in.
GAME_VOCAB = Interval(2_000, 50_000, integer=True)
_MAX_GUESS_CHARS = 40


def game_secrets() -> tuple[str, ...]:
    """The words a seed can pick as the secret (``[game] secrets`` in ``data/lessons.toml``)."""
    return tuple(lesson("game")["secrets"])


@dataclass(frozen=True)
class Guess:
    """One guess: the word, its cosine to the secret, its rank among the secret's nearest words.

    Attributes:
        word: the guess as typed (lower-cased, trimmed).
        cosine: cosine of the guess and the secret, in [-1, 1].
        rank: 1 for the secret's nearest word, ... up to `NEAREST_RANKED`; 0 for the secret itself;
            None when the guess is farther than the `NEAREST_RANKED`-th nearest word.
        hint: the game gave this word as a hint.
    """

    word: str
    cosine: float
    rank: int | None
    hint: bool = False

    @property
    def found(self) -> bool:
        return self.rank == 0


@dataclass
class WordGame:
    """The state of one game: the secret, the secret's nearest words and the guesses so far.

    Args:
        model: a word model (GloVe) or a local sentence model (its 30,000-word vocabulary).
        secret: the word to find; None draws one from `game_secrets` with `random_state`.
        random_state: the seed that picks the secret (the same seed gives the same word).
        vocab_size: the ranks count among this many of the most frequent words.

    Raises:
        InvalidParameterError: a seed or vocabulary size out of range, or a secret that is not one
            of the candidate words.
    """

    model: Embedder
    secret: str | None = None
    random_state: int = 0
    vocab_size: int = 20_000
    guesses: list[Guess] = field(default_factory=list)
    given_up: bool = False

    def __post_init__(self) -> None:
        self.random_state = check("random_state", self.random_state, GAME_SEED, advice="Use for example 42.")
        self.vocab_size = check("vocab_size", self.vocab_size, GAME_VOCAB, advice="Use for example 20000.")
        self._vocab: Vocabulary = vocabulary(self.model, self.vocab_size)
        if self.secret is None:
            pool = [w for w in game_secrets() if self._vocab.position(w) is not None]
            self.secret = pool[int(np.random.default_rng(self.random_state).integers(len(pool)))]
        row = self._vocab.position(str(self.secret))
        if row is None:
            raise InvalidParameterError(
                f"`secret` must be one of the {len(self._vocab):,} candidate words. Got {self.secret!r}. "
                "Pick a common English word, or leave it out to draw one by the seed."
            )
        self.secret = self._vocab.words[row]
        self._vector = self._vocab.vectors[row]
        with one_thread():
            scores = self._vocab.vectors @ self._vector
        scores[row] = -np.inf
        best = top_k(scores, NEAREST_RANKED)
        #: The secret's nearest words, best first (the secret itself left out).
        self.nearest = [Neighbor(self._vocab.words[j], float(scores[j])) for j in best]
        self._rank = {n.text: i + 1 for i, n in enumerate(self.nearest)}

    @property
    def vocabulary_size(self) -> int:
        """How many words the ranks are counted among."""
        return len(self._vocab)

    @property
    def found(self) -> bool:
        """The secret has been guessed."""
        return any(g.found for g in self.guesses)

    @property
    def best(self) -> Guess | None:
        """The closest guess so far (highest cosine)."""
        return max(self.guesses, key=lambda g: g.cosine, default=None)

    def _clean(self, word: str) -> str:
        if not isinstance(word, str):
            raise InvalidParameterError(f"`word` must be a word (a string). Got {type(word).__name__}. Type a word.")
        text = clean_text(word).lower()
        if not text:
            raise EmptyInputError(f"`word` is empty. Got {word!r}. Type one word.")
        if len(text.split()) != 1 or len(text) > _MAX_GUESS_CHARS:
            raise InvalidParameterError(
                f"`word` must be one word of at most {_MAX_GUESS_CHARS} characters. Got {text[:60]!r}. Type one word."
            )
        return text

    def score(self, word: str) -> Guess:
        """The cosine and rank of `word`, without recording it.

        Raises:
            EmptyInputError: `word` is blank.
            InvalidParameterError: `word` is more than one word.
            UnknownWordError: a word model does not know `word` (with close matches).
        """
        text = self._clean(word)
        if text == self.secret:
            return Guess(text, 1.0, 0)
        if isinstance(self.model, WordEmbedder) or self._vocab.position(text) is not None:
            vector = input_vectors(self.model, [text], vocab=self._vocab)[0]
        else:  # a sentence model can embed a word outside its word list: cosine only, no rank
            vector = self.model.embed([text])[0]
        norm = float(np.linalg.norm(vector))
        cosine = float(np.clip(vector @ self._vector / (norm or 1.0), -1.0, 1.0))
        return Guess(text, cosine, self._rank.get(text))

    def guess(self, word: str) -> Guess:
        """Score `word` and record it (a repeated word is scored once and returned again)."""
        result = self.score(word)
        for earlier in self.guesses:
            if earlier.word == result.word:
                return earlier
        self.guesses.append(result)
        return result

    def hint(self) -> Guess:
        """A word closer than the best guess so far, recorded as a guess.

        The hint halves the best rank reached (the first one is the word at rank 500 when no guess
        is among the 1,000 nearest), so hints lead towards the secret without giving it away; the last
        hint is the nearest word. After the secret is found, it is the secret again.
        """
        if self.found or self.given_up:
            return Guess(str(self.secret), 1.0, 0, hint=True)
        ranks = [g.rank for g in self.guesses if g.rank]
        target = max(1, min(ranks) // 2) if ranks else NEAREST_RANKED // 2
        taken = {g.word for g in self.guesses}
        while target > 1 and self.nearest[target - 1].text in taken:
            target -= 1
        word = self.nearest[min(target, len(self.nearest)) - 1]
        for earlier in self.guesses:
            if earlier.word == word.text:
                return earlier
        result = Guess(word.text, word.score, self._rank[word.text], hint=True)
        self.guesses.append(result)
        return result

    def give_up(self, *, topn: int = 10) -> list[Neighbor]:
        """End the game: the secret's `topn` nearest words (the secret is `self.secret`)."""
        check("topn", topn, Interval(1, math.inf, integer=True), advice="Use for example 10.")
        self.given_up = True
        return self.nearest[:topn]

    def sorted_guesses(self) -> list[Guess]:
        """The guesses, closest first."""
        return sorted(self.guesses, key=lambda g: -g.cosine)


@dataclass(frozen=True)
class Closeness:
    """How close two opposite words are, and two short texts that differ only by them.

    Attributes:
        pair: the two words, e.g. ``("hot", "cold")``.
        guess: the second word scored as a guess against the first: its cosine and its rank among
            the first word's nearest words (None when farther than `NEAREST_RANKED`).
        vocabulary_size: how many words the rank is counted among.
        texts: three short texts: two that differ only by the pair's words, and one about another topic
            that shares the first word (``"a hot day"``, ``"a cold day"``, ``"a hot meal"``).
        same_topic: cosine of ``texts[0]`` and ``texts[1]``.
        shared_word: cosine of ``texts[0]`` and ``texts[2]``.
    """

    pair: tuple[str, str]
    guess: Guess
    vocabulary_size: int
    texts: tuple[str, str, str]
    same_topic: float
    shared_word: float


def opposites_closeness(
    model: Embedder, pair: tuple[str, str], texts: tuple[str, str, str], *, vocab_size: int = 20_000
) -> Closeness:
    """Measure how close `model` puts two opposites, as the word game would score them.

    Args:
        model: a word model or a local sentence model (as for `WordGame`).
        pair: two opposite words; the first must be one of the model's `vocab_size` candidate words.
        texts: two texts that differ only by the pair's words, then one that shares the first word only.
        vocab_size: the rank counts among this many of the most frequent words.

    Returns:
        A `Closeness`: the second word's cosine and rank as a guess for the first, and the cosines of
        the first text with the two others (a word model averages the texts' word vectors).

    Raises:
        InvalidParameterError: the first word is not a candidate word, or `texts` is not three texts.
        UnknownWordError: a word model does not know a word of the pair or the texts.
    """
    if len(pair) != 2 or len(texts) != 3:
        raise InvalidParameterError(
            f"`pair` must be two words and `texts` three texts. Got {len(pair)} and {len(texts)}. "
            "Give e.g. ('hot', 'cold') and ('a hot day', 'a cold day', 'a hot meal')."
        )
    guess = WordGame(model, secret=pair[0], vocab_size=vocab_size).score(pair[1])
    vectors = model.embed(list(texts))
    units = unit_rows(np.asarray(vectors, dtype=np.float64))
    return Closeness(
        pair=(pair[0], pair[1]),
        guess=guess,
        vocabulary_size=len(vocabulary(model, vocab_size)),
        texts=(texts[0], texts[1], texts[2]),
        same_topic=float(units[0] @ units[1]),
        shared_word=float(units[0] @ units[2]),
    )
