import importlib
import pkgutil

import ragqa


def test_every_module_imports():
    names = [m.name for m in pkgutil.walk_packages(ragqa.__path__, "ragqa.")]
    assert "ragqa.ui.render" in names and "ragqa.answer.chain" in names
    for name in names:
        importlib.import_module(name)
