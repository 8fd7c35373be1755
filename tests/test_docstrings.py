"""Documentation checks: numpydoc sections of the public API, and wording."""
import re
from pathlib import Path

import lassofast

SRC = Path(lassofast.__file__).parent
ROOT = SRC.parent.parent


def _text_files():
    files = [ROOT / "README.md", *sorted((ROOT / "animations").glob("*.py"))]
    for pattern in ("*.py", "*.js", "*.html"):
        files += sorted(SRC.rglob(pattern))
    return [f for f in files if f.is_file()]


def test_the_explainer_page_is_introduced_once_in_the_readme_and_never_called_the_seed():
    """A newcomer cannot know what "the seed page" is: the README says where the project comes from
    once, and the code refers to "the explainer page" and the README."""
    seed = re.compile(r"seed (page|explainer)|the seed's", re.IGNORECASE)
    offenders = [str(f.relative_to(ROOT)) for f in _text_files() if seed.search(f.read_text(encoding="utf-8"))]
    assert offenders == []
    assert (ROOT / "README.md").read_text(encoding="utf-8").count("explainer page this project grew from") == 1
