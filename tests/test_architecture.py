"""The library stays a plain library: only clusterlab/ui/ may import Streamlit."""
import ast
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT


def test_no_module_outside_ui_imports_streamlit():
    offenders = []
    for path in (ROOT / "clusterlab").rglob("*.py"):
        if "ui" in path.relative_to(ROOT / "clusterlab").parts[:1]:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else (
                [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            if any(n == "streamlit" or n.startswith("streamlit.") for n in names):
                offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []


def test_importing_the_core_does_not_load_streamlit():
    code = ("import sys, clusterlab.cli, clusterlab.importer, clusterlab.exporter; "
            "print('streamlit' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert out.stdout.strip() == "False", out.stderr


def test_page_folder_is_not_named_pages():
    assert not (ROOT / "pages").exists(), "a pages/ folder turns on Streamlit's legacy router"
    assert Path(ROOT / "app_pages").is_dir()
