"""The type stubs and py.typed ship with the package and name exactly what it has."""

import ast
import inspect
from pathlib import Path

import bc_invoice

PACKAGE = Path(bc_invoice.__file__).parent


def stub_tree():
    return ast.parse((PACKAGE / "__init__.pyi").read_text())


def test_the_stubs_and_py_typed_are_installed():
    assert (PACKAGE / "py.typed").is_file()
    assert (PACKAGE / "__init__.pyi").is_file()


def test_the_stubs_name_every_public_function_and_class():
    tree = stub_tree()
    functions = {node.name for node in tree.body if isinstance(node, ast.FunctionDef)}
    classes = {node.name: node for node in tree.body if isinstance(node, ast.ClassDef)}
    public = set(bc_invoice.__all__)
    assert functions | (classes.keys() & public) == public
    for name in ("Finding", "Report", "Validator", "ValidationError"):
        stubbed = {
            item.name if isinstance(item, ast.FunctionDef) else item.target.id
            for item in classes[name].body
            if isinstance(item, (ast.FunctionDef, ast.AnnAssign))
        }
        if name == "ValidationError":
            actual = {"report", "__init__"}
        else:
            actual = {n for n in dir(getattr(bc_invoice, name)) if not n.startswith("_")}
            actual |= {"__new__"} if name in ("Validator", "Finding") else set()
        dunders = {"__bool__", "__eq__", "__hash__"}
        assert stubbed - dunders == actual - dunders, name


def test_the_stubs_keyword_arguments_are_the_functions():
    tree = stub_tree()
    for node in tree.body:
        if isinstance(node, ast.FunctionDef):
            stubbed = [a.arg for a in node.args.args + node.args.kwonlyargs]
            actual = list(inspect.signature(getattr(bc_invoice, node.name)).parameters)
            assert stubbed == actual, node.name


def test_every_public_function_method_and_property_has_a_docstring():
    # In the stubs, which an editor shows on hover (it cannot read the compiled module's), and at run time.
    tree = stub_tree()
    missing = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)) and not node.name.startswith("_"):
            if not ast.get_docstring(node):
                missing.append(f"stub {node.name} (line {node.lineno})")
    for name in bc_invoice.__all__:
        value = getattr(bc_invoice, name)
        members = [value] + [getattr(value, n) for n in vars(value) if not n.startswith("_")] if isinstance(value, type) else [value]
        for member in members:
            if not (getattr(member, "__doc__", None) or "").strip():
                missing.append(f"runtime {name}.{getattr(member, '__name__', member)}")
    assert missing == []
