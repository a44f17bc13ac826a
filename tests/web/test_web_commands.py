"""`dragoman plot` and `dragoman serve`: images written whole, servers that start where they say."""

from __future__ import annotations

import os
import socket

import pytest

pytest.importorskip("fastapi", reason="the web extras are not installed: pip install 'dragoman[web]'")

PNG = b"\x89PNG\r\n\x1a\n"


def test_plot_writes_a_png_and_keeps_an_existing_file(cli, tiny_db, tmp_path):
    out = tmp_path / "trajectory.png"
    code, _, err = cli("plot", "--dyad", "USA-IRN", "--db", tiny_db, "-o", out)
    assert code == 0 and out.read_bytes().startswith(PNG)
    assert err == f"dragoman: USA-IRN: 2 weeks, 4 events, drawn in {out}\n"
    out.write_bytes(b"mine")
    code, _, err = cli("plot", "--dyad", "USA-IRN", "--db", tiny_db, "-o", out)
    assert (code, err) == (1, f"dragoman: error: {out}: already exists; give --force to replace it\n")
    assert out.read_bytes() == b"mine"
    code, _, _ = cli("plot", "--dyad", "USA-IRN", "--db", tiny_db, "-o", out, "--force", "-q")
    assert code == 0 and out.read_bytes().startswith(PNG)
    assert sorted(os.listdir(tmp_path)) == ["trajectory.png"]  # no temporary file left behind


def test_plot_takes_svg_and_pdf_by_extension(cli, tiny_db, tmp_path):
    assert cli("plot", "--dyad", "USA-IRN", "--db", tiny_db, "-o", tmp_path / "t.svg", "--bin", "day", "-q")[0] == 0
    assert b"<svg" in (tmp_path / "t.svg").read_bytes()[:400]
    assert cli("plot", "--dyad", "IRN-USA", "--db", tiny_db, "-o", tmp_path / "t.pdf", "-q")[0] == 0
    assert (tmp_path / "t.pdf").read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize(
    "argv,message",
    [
        (["--dyad", "USA"], "--dyad USA: give two actor codes with a hyphen, such as USA-IRN"),
        (["--dyad", "usa-IRN"], "--dyad='usa' is not an actor code"),
        (["--dyad", "USA-XYZ"], "b=XYZ: no event in this store has an actor with that code or country"),
        (["--dyad", "USA-IRN", "--since", "2025-13"], "since='2025-13' is not a real date"),
        (["--dyad", "USA-IRN", "-o", "trajectory.gif"], "trajectory.gif: write the image as one of .png, .svg, .pdf"),
    ],
)
def test_plot_refuses_what_it_cannot_draw_in_one_line(cli, tiny_db, tmp_path, monkeypatch, argv, message):
    monkeypatch.chdir(tmp_path)
    if "-o" not in argv:
        argv = [*argv, "-o", "out.png"]
    code, out, err = cli("plot", "--db", tiny_db, *argv)
    assert code == 1 and out == ""
    assert err.startswith("dragoman: error: ") and message in err and err.count("\n") == 1
    assert os.listdir(tmp_path) == []


def test_plot_of_a_missing_store_says_how_to_make_one(cli, tmp_path):
    code, _, err = cli("plot", "--dyad", "USA-IRN", "--db", tmp_path / "none.db", "-o", tmp_path / "t.png")
    assert code == 1 and "no such database; create it with: dragoman code REPORT --db" in err


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_serve_listens_on_this_machine_only_by_default(cli, tiny_db, monkeypatch):
    import uvicorn

    seen = {}

    def run(self, sockets=None):  # instead of serving forever
        seen["address"] = sockets[0].getsockname()
        seen["app"] = self.config.app
        sockets[0].close()

    monkeypatch.setattr(uvicorn.Server, "run", run)
    port = _free_port()
    code, _, err = cli("serve", "--db", tiny_db, "--port", port)
    assert code == 0
    assert seen["address"] == ("127.0.0.1", port)
    assert err == f"dragoman: serving {tiny_db} (read-only) at http://127.0.0.1:{port}/ ; Ctrl-C stops\n"


def test_serve_warns_when_it_listens_beyond_this_machine(cli, tiny_db, monkeypatch):
    import uvicorn

    monkeypatch.setattr(uvicorn.Server, "run", lambda self, sockets=None: sockets[0].close())
    code, _, err = cli("serve", "--db", tiny_db, "--host", "0.0.0.0", "--port", _free_port(), "-q")
    assert code == 0
    assert err == "dragoman: warning: listening on 0.0.0.0: anyone who can reach this machine can read the store\n"


def test_serve_refuses_a_port_in_use_and_a_missing_store(cli, tiny_db, tmp_path):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        port = busy.getsockname()[1]
        code, _, err = cli("serve", "--db", tiny_db, "--port", port)
    assert code == 1 and err.startswith(f"dragoman: error: 127.0.0.1:{port}: cannot listen (") and err.endswith("choose another --port\n")
    code, _, err = cli("serve", "--db", tmp_path / "none.db")
    assert code == 1 and "none.db: no such database" in err


def test_serve_checks_its_options(cli):
    with pytest.raises(SystemExit) as exit_:
        cli("serve", "--port", "70000")
    assert exit_.value.code == 2


def test_a_store_url_is_never_shown_with_its_password():
    from dragoman.web.app import store_label

    assert store_label("postgresql://analyst:s3cret@db.example/events") == "postgresql://..."
    assert store_label("sqlite:///data/events.db") == "events.db"
    assert store_label("/tmp/x/dragoman.db") == "dragoman.db"
