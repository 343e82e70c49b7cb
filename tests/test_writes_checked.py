"""Every SQL write of the app goes through a checked write (roles.py): a test that fails when a new writer skips it.

The code of `clusterlab/`, `app_pages/` and `app.py` is read (not run): each statement that writes (INSERT, UPDATE,
DELETE, CREATE, ALTER, DROP… executed on a connection or cursor, `store.insert_row`, `postgres.native`) must be
- inside `with store.transaction(con, pid, ACTION, …)` (an action: the role is checked, the change recorded), or
  inside a context manager of the library that yields within one (themes' `_coding_change`), or
- in a function that calls `roles.require` itself (store.record_change, copying.copy), or
- in a helper whose every call, in the app's code, is itself checked by one of these rules (users.vote_token on the
  cursor of `vote.open`), or
- in a function of ALLOWED below, which names each exception and why.
"""
from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field

from tests.conftest import ROOT

WRITE = re.compile(r"^\s*(INSERT|UPDATE|DELETE|CREATE|ALTER|DROP|TRUNCATE|COPY|ATTACH|DETACH|MERGE|LOCK)\b", re.I)
EXECUTE = ("execute", "executemany")
WRITING_HELPERS = ("insert_row", "native")  # store.insert_row, postgres.native: they write what they are given

# Each exception, by "module.function", and why it writes without a checked transaction of its own.
ALLOWED = {
    "clusterlab.store.migrate": "the schema's migrations, run when the store is opened, before anyone acts",
    "clusterlab.postgres.connect": "makes clusterlab's schema on a new PostgreSQL database, before any migration",
    "clusterlab.store.project_id": "makes a project by its name: the empty store's first project (store.workspace), "
                                   "or a new project an import names (inside the import's checked transaction)",
    "clusterlab.exporter.table": "reads: its SQL is built by _query (a SELECT)",
    "clusterlab.overview._count": "reads: a count(*) of a table named by the code",
}


@dataclass
class Function:
    name: str  # module.function (module.outer.inner for a nested one)
    module: str
    writes: list[int] = field(default_factory=list)  # lines of writes outside a checked transaction
    requires: bool = False  # calls roles.require itself
    checked_context: bool = False  # a @contextmanager that yields inside a checked transaction


@dataclass
class Call:
    target: tuple[str, str]  # (module, function) called
    caller: str  # the calling function's name, "" at a module's top level
    checked: bool  # inside a checked transaction
    where: str


def _sql(node: ast.AST, assigned: dict[str, list[ast.AST]]) -> str | None:
    """The SQL text a call is given, as far as the code says it (None: not knowable from the code)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value if isinstance(v, ast.Constant) else "{}" for v in node.values)
    if isinstance(node, ast.BinOp):
        left = _sql(node.left, assigned)
        return None if left is None else left + (_sql(node.right, assigned) or "")
    if isinstance(node, ast.Name) and node.id in assigned:
        said = [_sql(v, assigned) for v in assigned[node.id]]
        return next((s for s in said if s and WRITE.match(s)), said[0] if said else None)
    return None


def _name(func: ast.AST) -> str | None:
    return func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else None


class Reader(ast.NodeVisitor):
    """One module's functions, writes and calls."""

    def __init__(self, module: str, contexts: set[str]) -> None:
        self.module, self.contexts = module, contexts
        self.functions: dict[str, Function] = {}
        self.calls: list[Call] = []
        self.imported: dict[str, tuple[str, str]] = {}  # local name -> (module, name)
        self.modules: dict[str, str] = {}  # local name -> module
        self._stack: list[Function] = []
        self._checked = 0
        self._assigned: list[dict[str, list[ast.AST]]] = [{}]

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            self.modules[alias.asname or alias.name.split(".")[-1]] = alias.name

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        for alias in node.names:
            local = alias.asname or alias.name
            self.modules[local] = f"{node.module}.{alias.name}"
            self.imported[local] = (node.module or "", alias.name)

    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        outer = self._stack[-1].name if self._stack else self.module
        function = Function(f"{outer}.{node.name}", self.module)
        self.functions[function.name] = function
        assigned: dict[str, list[ast.AST]] = {}
        for sub in ast.walk(node):
            if isinstance(sub, ast.Assign):
                for target in sub.targets:
                    if isinstance(target, ast.Name):
                        assigned.setdefault(target.id, []).append(sub.value)
        self._stack.append(function)
        self._assigned.append(assigned)
        checked, self._checked = self._checked, 0  # a nested function runs later: not in its parent's transaction
        self.generic_visit(node)
        self._checked = checked
        self._assigned.pop()
        self._stack.pop()

    visit_AsyncFunctionDef = visit_FunctionDef

    def _is_checked(self, call: ast.AST) -> bool:
        if not isinstance(call, ast.Call):
            return False
        name = _name(call.func)
        if name == "transaction":
            action = call.args[2] if len(call.args) >= 3 else next(
                (k.value for k in call.keywords if k.arg == "action"), None)
            return action is not None and not (isinstance(action, ast.Constant) and action.value is None)
        return name in self.contexts

    def visit_With(self, node: ast.With) -> None:
        checked = any(self._is_checked(item.context_expr) for item in node.items)
        for item in node.items:
            self.visit(item.context_expr)
        self._checked += checked
        for statement in node.body:
            self.visit(statement)
        self._checked -= checked

    def visit_Yield(self, node: ast.Yield) -> None:
        if self._checked and self._stack:
            self._stack[-1].checked_context = True
        self.generic_visit(node)

    def visit_Call(self, node: ast.Call) -> None:
        function = self._stack[-1] if self._stack else None
        name = _name(node.func)
        writes = False
        if name in EXECUTE and node.args:
            sql = _sql(node.args[0], self._assigned[-1])
            writes = sql is None or bool(WRITE.match(sql))  # SQL the code does not spell out counts as a write
        elif name in WRITING_HELPERS:
            writes = True
        if writes and not self._checked and function is not None:
            function.writes.append(node.lineno)
        if name == "require" and function is not None:
            function.requires = True
        target = self._target(node.func)
        if target is not None:
            self.calls.append(Call(target, function.name if function else "", bool(self._checked),
                                   f"{self.module}:{node.lineno}"))
        self.generic_visit(node)

    def _target(self, func: ast.AST) -> tuple[str, str] | None:
        if isinstance(func, ast.Name):
            return self.imported.get(func.id, (self.module, func.id))
        if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and func.value.id in self.modules:
            return self.modules[func.value.id], func.attr
        return None


def _files():
    yield from sorted((ROOT / "clusterlab").rglob("*.py"))
    yield from sorted((ROOT / "app_pages").glob("*.py"))
    yield ROOT / "app.py"


def _module(path) -> str:
    return ".".join(path.relative_to(ROOT).with_suffix("").parts)


def read_code() -> tuple[dict[str, Function], list[Call]]:
    """Every function of the app's code and every call between them (two passes: the checked context managers
    of the first are known to the second)."""
    trees = {_module(p): ast.parse(p.read_text(encoding="utf-8")) for p in _files()}
    contexts: set[str] = set()
    for _ in range(2):
        functions: dict[str, Function] = {}
        calls: list[Call] = []
        for module, tree in trees.items():
            reader = Reader(module, contexts)
            reader.visit(tree)
            functions.update(reader.functions)
            calls += reader.calls
        contexts = {name.rsplit(".", 1)[1] for name, f in functions.items() if f.checked_context}
    return functions, calls


def unchecked(functions: dict[str, Function], calls: list[Call], allowed: dict[str, str]) -> list[str]:
    """The writes that no rule covers, as "module.function (line…)"."""
    callers: dict[str, list[Call]] = {}
    for call in calls:
        callers.setdefault(f"{call.target[0]}.{call.target[1]}", []).append(call)
    known: dict[str, bool] = {}

    def covered(name: str) -> bool:
        if name in known:
            return known[name]
        known[name] = False  # a cycle covers nothing
        function = functions.get(name)
        sites = callers.get(name, [])
        ok = name in allowed or (function is not None and function.requires) or (
            bool(sites) and all(site.checked or (site.caller and covered(site.caller)) for site in sites))
        known[name] = ok
        return ok

    return [f"{name} (lines {f.writes})" for name, f in sorted(functions.items()) if f.writes and not covered(name)]


def test_every_sql_write_is_made_under_a_checked_action_or_named_as_an_exception():
    functions, calls = read_code()
    missed = unchecked(functions, calls, ALLOWED)
    assert not missed, ("writes outside store.transaction(con, pid, ACTION, …): route them through it (an action in "
                        f"roles.ACTIONS), or name the exception and why in ALLOWED: {missed}")


def test_each_exception_is_still_needed():
    functions, calls = read_code()
    for name in ALLOWED:
        assert name in functions, f"{name} is gone: take it out of ALLOWED"
        assert unchecked(functions, calls, {k: v for k, v in ALLOWED.items() if k != name}), (
            f"{name} no longer needs to be an exception")


def test_the_check_finds_a_writer_that_skips_it():
    """The test above would catch mappings.save as it was: a raw INSERT on the connection, no action."""
    tree = ast.parse("\n".join([
        "def save(con, key):",
        "    con.execute('INSERT OR REPLACE INTO column_mappings VALUES (?)', [key])",
        "def fine(con, pid, who):",
        "    with store.transaction(con, pid, 'x.y', None, who) as cur:",
        "        cur.execute('DELETE FROM t')",
        "def unnamed(con):",
        "    with store.transaction(con) as cur:",
        "        cur.execute('DELETE FROM t')",
    ]))
    reader = Reader("clusterlab.sample", set())
    reader.visit(tree)
    assert unchecked(reader.functions, reader.calls, {}) == ["clusterlab.sample.save (lines [2])",
                                                            "clusterlab.sample.unnamed (lines [8])"]
