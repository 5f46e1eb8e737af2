"""Embedding arithmetic typed as text: ``king - man + woman`` or ``paris - france + 0.5*italy``.

A small grammar of its own (never ``eval``)::

    expression := term (("+" | "-") term)*
    term       := unary (("*" | "/") unary)*
    unary      := ("+" | "-") unary | atom
    atom       := NUMBER | WORD | "quoted phrase" | "(" expression ")"

Each word stands for its unit vector; numbers scale vectors. ``−`` and ``×`` are read as ``-``
and ``*``, and a hyphen is always minus (quote ``"e-mail"`` to use it in a word). Errors point at
the offending token by its character position.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import numpy as np

from .analogy import Neighbor, input_vectors, nearest
from .errors import EmptyInputError, InvalidParameterError
from .models import Embedder
from .texts import clean_text
from .vocabulary import vocabulary

__all__ = ["MAX_EXPRESSION_CHARS", "ArithmeticResult", "ExpressionError", "arithmetic", "parse_expression"]

MAX_EXPRESSION_CHARS = 500
_MAX_TERMS = 40


class ExpressionError(InvalidParameterError):
    """An arithmetic expression cannot be read; `position` is the 0-based index of the bad token."""

    def __init__(self, problem: str, expression: str, position: int, length: int, fix: str):
        self.position = position
        self.token = expression[position : position + length]
        marked = expression[:position] + "»" + self.token + "«" + expression[position + length :]
        marked = marked.replace("`", "'")
        where = "at the end" if position >= len(expression) else f"at character {position + 1}"
        super().__init__(f"{problem} {where}: `{marked}`. {fix}")


@dataclass(frozen=True)
class _Token:
    kind: str  # "num", "word", "op", "(", ")", "end"
    text: str
    pos: int
    length: int


_TOKEN_RE = re.compile(
    r"""(?P<space>\s+)
      | (?P<num>(?:\d+(?:\.\d*)?|\.\d+)(?![\w]))
      | (?P<word>\w[\w'’]*)
      | (?P<phrase>"[^"]*"|'[^']*'|“[^”]*”)
      | (?P<op>[-+*/−×])
      | (?P<paren>[()])""",
    re.VERBOSE,
)


def _tokens(expression: str) -> list[_Token]:
    out, pos = [], 0
    while pos < len(expression):
        m = _TOKEN_RE.match(expression, pos)
        if not m:
            ch = expression[pos]
            if ch in "\"'“":
                raise ExpressionError(
                    "A quoted phrase is not closed", expression, pos, 1, "Add the closing quote mark."
                )
            raise ExpressionError(
                f"The character {ch!r} cannot be used",
                expression,
                pos,
                1,
                "Use words, numbers, + - * / and parentheses.",
            )
        kind, text = m.lastgroup or "", m.group()
        if kind == "phrase":
            inner = clean_text(text[1:-1])
            if not inner:
                raise ExpressionError("A quoted phrase is empty", expression, pos, len(text), "Type words inside it.")
            out.append(_Token("word", inner, pos, len(text)))
        elif kind == "op":
            out.append(_Token("op", {"−": "-", "×": "*"}.get(text, text), pos, len(text)))
        elif kind == "paren":
            out.append(_Token(text, text, pos, 1))
        elif kind != "space":
            out.append(_Token(kind, text, pos, len(text)))
        pos = m.end()
    out.append(_Token("end", "", len(expression), 1))
    return out


#: A parsed expression: ("num", value, token), ("word", text, token), ("neg", node, token)
#: or (op, left, right, token) with op one of + - * /.
Node = tuple[Any, ...]


class _Parser:
    def __init__(self, expression: str):
        self.expression = expression
        self.tokens = _tokens(expression)
        self.i = 0

    def peek(self) -> _Token:
        return self.tokens[self.i]

    def take(self) -> _Token:
        tok = self.tokens[self.i]
        self.i += 1
        return tok

    def fail(self, problem: str, tok: _Token, fix: str) -> ExpressionError:
        return ExpressionError(problem, self.expression, tok.pos, tok.length, fix)

    def parse(self) -> Node:
        node = self.expr()
        tok = self.peek()
        if tok.kind != "end":
            fix = (
                "Close the parenthesis you opened before it, or remove it."
                if tok.kind == ")"
                else ("Put + or - between words (and * between a number and a word).")
            )
            raise self.fail(f"Unexpected {tok.text!r}", tok, fix)
        return node

    def expr(self) -> Node:
        node = self.term()
        while self.peek().kind == "op" and self.peek().text in "+-":
            op = self.take()
            node = (op.text, node, self.term(), op)
        return node

    def term(self) -> Node:
        node = self.unary()
        while self.peek().kind == "op" and self.peek().text in "*/":
            op = self.take()
            node = (op.text, node, self.unary(), op)
        return node

    def unary(self) -> Node:
        tok = self.peek()
        if tok.kind == "op" and tok.text in "+-":
            self.take()
            inner = self.unary()
            return ("neg", inner, tok) if tok.text == "-" else inner
        return self.atom()

    def atom(self) -> Node:
        tok = self.take()
        if tok.kind == "num":
            return ("num", float(tok.text), tok)
        if tok.kind == "word":
            return ("word", tok.text, tok)
        if tok.kind == "(":
            node = self.expr()
            close = self.peek()
            if close.kind != ")":
                raise self.fail("Missing ')'", close, f"Close the '(' opened at character {tok.pos + 1}.")
            self.take()
            return node
        if tok.kind == "end":
            raise self.fail("The expression stops too early", tok, "Add a word or a number after the last operator.")
        raise self.fail(
            f"Expected a word, a number or '(', got {tok.text!r}", tok, "Remove it or put a word before it."
        )


def parse_expression(expression: str) -> tuple[Node, list[str]]:
    """Parse `expression`; return its tree and its words (in order, each once).

    Raises:
        EmptyInputError: the expression is blank.
        ExpressionError: the expression cannot be read (the message points at the token).
    """
    if not isinstance(expression, str):
        raise InvalidParameterError(
            f"The expression must be text. Got {type(expression).__name__}. Type something like king - man + woman."
        )
    text = clean_text(expression)
    if not text:
        raise EmptyInputError(
            "The expression is empty. Got nothing to compute. Type something like king - man + woman."
        )
    if len(text) > MAX_EXPRESSION_CHARS:
        raise InvalidParameterError(
            f"The expression is too long: at most {MAX_EXPRESSION_CHARS} characters. Got {len(text):,}. Shorten it."
        )
    tree = _Parser(text).parse()
    words: list[str] = []
    _collect(tree, words)
    if len(words) > _MAX_TERMS:
        raise InvalidParameterError(
            f"The expression has too many words: at most {_MAX_TERMS}. Got {len(words)}. Use fewer words."
        )
    return tree, list(dict.fromkeys(words))


def _collect(node: Node, words: list[str]) -> None:
    if node[0] == "word":
        words.append(node[1])  # type: ignore[arg-type]
    elif node[0] == "neg":
        _collect(node[1], words)  # type: ignore[arg-type]
    elif node[0] in "+-*/":
        _collect(node[1], words)  # type: ignore[arg-type]
        _collect(node[2], words)  # type: ignore[arg-type]


def _evaluate(node: Node, vectors: dict[str, np.ndarray], text: str) -> float | np.ndarray:
    kind, tok = node[0], node[-1]
    if kind == "num":
        return node[1]  # type: ignore[return-value]
    if kind == "word":
        return vectors[node[1]]  # type: ignore[index]
    if kind == "neg":
        return -_evaluate(node[1], vectors, text)  # type: ignore[arg-type]
    left = _evaluate(node[1], vectors, text)  # type: ignore[arg-type]
    right = _evaluate(node[2], vectors, text)  # type: ignore[arg-type]
    left_vec, right_vec = isinstance(left, np.ndarray), isinstance(right, np.ndarray)
    assert isinstance(tok, _Token)
    if kind in "+-" and left_vec != right_vec:
        raise ExpressionError(
            f"Cannot {'add' if kind == '+' else 'subtract'} a number and a word",
            text,
            tok.pos,
            tok.length,
            "Scale a word with * instead, as in 0.5*italy.",
        )
    if kind == "*" and left_vec and right_vec:
        raise ExpressionError(
            "Cannot multiply two words", text, tok.pos, tok.length, "Multiply a word by a number, as in 2*king."
        )
    if kind == "/":
        if right_vec:
            raise ExpressionError(
                "Cannot divide by a word", text, tok.pos, tok.length, "Divide by a number, as in king/2."
            )
        if right == 0:
            raise ExpressionError("Cannot divide by zero", text, tok.pos, tok.length, "Divide by a non-zero number.")
        return left / right  # type: ignore[operator]
    return {"+": lambda: left + right, "-": lambda: left - right, "*": lambda: left * right}[kind]()  # type: ignore[operator]


@dataclass(frozen=True)
class ArithmeticResult:
    """The value of an expression and the vocabulary words nearest to it.

    Attributes:
        expression: the expression as read (cleaned of invisible characters).
        words: the words and quoted phrases it uses, each once, in order.
        vector: the combined vector, shape ``(dim,)`` (not rescaled: only its direction matters).
        neighbors: the nearest vocabulary words by cosine, best first.
    """

    expression: str
    words: list[str]
    vector: np.ndarray
    neighbors: list[Neighbor]


def arithmetic(
    model: Embedder,
    expression: str,
    *,
    topn: int = 10,
    vocab_size: int = 50_000,
    exclude_inputs: bool = True,
) -> ArithmeticResult:
    """Compute `expression` over `model`'s unit word vectors and find its nearest words.

    ``king - man + woman`` is the 3CosAdd analogy man:king :: woman:?.

    Args:
        exclude_inputs: leave the words of the expression out of the answers.

    Raises:
        EmptyInputError: the expression is blank.
        ExpressionError: it cannot be read, or mixes words and numbers wrongly (points at the token).
        UnknownWordError: a word model does not know some words.
        InvalidParameterError: the result is a number, or the zero vector.
    """
    tree, words = parse_expression(expression)
    text = clean_text(expression)
    if not words:
        raise InvalidParameterError(
            f"The expression has no word, only numbers. Got {text!r}. Add a word, as in king - man + woman."
        )
    vocab = vocabulary(model, vocab_size)
    vectors = dict(zip(words, input_vectors(model, words, vocab=vocab), strict=True))
    value = np.asarray(_evaluate(tree, vectors, text), dtype=np.float32)
    if not np.isfinite(value).all() or np.linalg.norm(value) < 1e-6:
        raise InvalidParameterError(
            f"The expression adds up to zero (or overflows). Got {text!r}. "
            "Change the words or numbers so they do not cancel out."
        )
    neighbors = nearest(model, value, topn=topn, vocab_size=vocab_size, exclude=words if exclude_inputs else ())
    return ArithmeticResult(text, words, value, neighbors)
