"""Sending to the manager: the macro-free snapshot, SMTP to a real local server
(aiosmtpd on 127.0.0.1), STARTTLS with a self-made certificate, and .eml drafts."""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import io
import ipaddress
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import types
import zipfile
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import openpyxl
import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from conftest import need, zip_parts
from xltrade.build import build_workbook

PROBE = Path(__file__).parent / "lo" / "probe.py"
DAY = "2026-11-18"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_workbook(tmp_path_factory.mktemp("built") / "Customers.xlsm")


@pytest.fixture
def workbook(built: Path, tmp_path: Path) -> Path:
    path = tmp_path / "Customers.xlsm"
    shutil.copy(built, path)
    return path


def xltrade(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "xltrade", *args], capture_output=True,
                          text=True, timeout=180, env={**os.environ, **(env or {})})


# --- snapshot ---------------------------------------------------------------------

def test_snapshot_drops_only_the_macro_parts(workbook: Path, tmp_path: Path) -> None:
    out = tmp_path / "周报.xlsx"
    done = xltrade("snapshot", str(workbook), "--out", str(out))
    assert done.returncode == 0, done.stderr
    before, after = zip_parts(workbook), zip_parts(out)
    assert set(before) - set(after) == {"xl/vbaProject.bin", "customUI/customUI.xml"}
    changed = sorted(n for n in after if after[n] != before[n])
    views = {"xl/workbook.xml", *(n for n in changed if n.startswith("xl/worksheets/"))}
    assert set(changed) - views == {"[Content_Types].xml", "_rels/.rels",
                                    "xl/_rels/workbook.xml.rels"}
    # Only the view changes: the copy opens on 周报, its tab the one selected.
    for name in views:
        assert re.sub(rb'\s(?:tabSelected|activeTab|firstSheet)="\d+"', b"", after[name]) == \
            re.sub(rb'\s(?:tabSelected|activeTab|firstSheet)="\d+"', b"", before[name])
    selected = [n for n in after if n.startswith("xl/worksheets/sheet")
                and b'tabSelected="1"' in after[n]]
    assert len(selected) == 1
    copy_book = openpyxl.load_workbook(out)
    assert copy_book.active is not None and copy_book.active.title == "周报"
    types = after["[Content_Types].xml"].decode()
    assert "macroEnabled" not in types and "vbaProject" not in types
    assert "spreadsheetml.sheet.main+xml" in types
    assert b"vbaProject" not in after["xl/_rels/workbook.xml.rels"]
    assert b"extensibility" not in after["_rels/.rels"]
    original = openpyxl.load_workbook(workbook, keep_vba=True)
    copy = openpyxl.load_workbook(out)
    for ws in original.worksheets:
        if ws.sheet_state == "visible":
            assert [[c.value for c in r] for r in ws.iter_rows()] == \
                [[c.value for c in r] for r in copy[ws.title].iter_rows()]


def serial(value: object) -> object:
    if isinstance(value, dt.datetime):
        return (value - dt.datetime(1899, 12, 30)).days
    if value is None:
        return ""
    return value


def test_libreoffice_opens_the_snapshot_with_the_same_values(workbook: Path,
                                                             tmp_path: Path) -> None:
    need("soffice", "/usr/bin/python3")
    out = tmp_path / "report.xlsx"
    assert xltrade("report", str(workbook), "--today", DAY).returncode == 0
    assert xltrade("snapshot", str(workbook), "--out", str(out)).returncode == 0
    seen = json.loads(subprocess.run(["/usr/bin/python3", str(PROBE), str(out)],
                                     capture_output=True, text=True, check=True,
                                     timeout=300).stdout)
    assert seen["libraries"].get("VBAProject", {}) == {}
    original = openpyxl.load_workbook(workbook, keep_vba=True)
    for ws in original.worksheets:
        if ws.sheet_state != "visible":
            continue
        shown = seen["values"][ws.title]["rows"]
        for row in ws.iter_rows():
            for cell in row:
                if cell.value is None or cell.data_type == "f":
                    continue
                got = shown[cell.row - 1][cell.column - 1]
                want = serial(cell.value)
                if isinstance(want, int | float) and not isinstance(want, bool):
                    assert got == pytest.approx(float(want)), cell.coordinate
                else:
                    assert got == str(want), (ws.title, cell.coordinate)


# --- SMTP -------------------------------------------------------------------------

class Inbox:
    def __init__(self) -> None:
        self.envelopes: list = []
        self.refuse: set[str] = set()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return "550 no such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.envelopes.append(envelope)
        return "250 Message accepted"


class Passwords:
    def __init__(self, good: dict[str, str]) -> None:
        self.good = good

    def __call__(self, server, session, envelope, mechanism, auth_data) -> AuthResult:
        if isinstance(auth_data, LoginPassword):
            user, password = auth_data.login.decode(), auth_data.password.decode()
            if self.good.get(user) == password:
                return AuthResult(success=True)
        return AuthResult(success=False, handled=False)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def smtp() -> Iterator[tuple[Inbox, int]]:
    inbox = Inbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield inbox, port
    finally:
        controller.stop()


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A self-made certificate for 127.0.0.1, and its key."""
    folder = tmp_path_factory.mktemp("tls")
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(days=1))
            .not_valid_after(now + dt.timedelta(days=2))
            .add_extension(x509.SubjectAlternativeName(
                [x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .sign(key, hashes.SHA256()))
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                           serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_path, key_path


@pytest.fixture
def tls_smtp(certificate: tuple[Path, Path]) -> Iterator[tuple[Inbox, int]]:
    import ssl
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(*certificate)
    inbox = Inbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port, tls_context=context,
                            require_starttls=True,
                            authenticator=Passwords({"sales@example.com": "s3cret"}))
    controller.start()
    try:
        yield inbox, port
    finally:
        controller.stop()


def parse(raw: bytes) -> email.message.EmailMessage:
    return email.message_from_bytes(raw, policy=email.policy.default)  # type: ignore


def check_report_mail(msg: email.message.EmailMessage) -> None:
    assert msg["Subject"] == "客户跟进周报 2026-W47"
    plain = msg.get_body(("plain",)).get_content()
    html = msg.get_body(("html",)).get_content()
    assert "客户总数" in plain and "<table" in html and "客户总数" in html
    (attachment,) = list(msg.iter_attachments())
    assert attachment.get_filename() == "周报-2026-W47.xlsx"
    data = attachment.get_content()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = archive.namelist()
    assert "xl/vbaProject.bin" not in names and "customUI/customUI.xml" not in names
    assert "周报" in openpyxl.load_workbook(io.BytesIO(data)).sheetnames


def test_delivers_to_a_local_smtp_server(workbook: Path, smtp) -> None:
    inbox, port = smtp
    before = workbook.read_bytes()
    done = xltrade("mail", str(workbook), "--to", "boss@example.com, vp@example.com",
                   "--from", "sales@example.com", "--smtp", f"127.0.0.1:{port}",
                   "--today", DAY)
    assert done.returncode == 0, done.stderr
    assert "boss@example.com, vp@example.com" in done.stdout
    (envelope,) = inbox.envelopes
    assert envelope.mail_from == "sales@example.com"
    assert envelope.rcpt_tos == ["boss@example.com", "vp@example.com"]
    check_report_mail(parse(envelope.content))
    assert workbook.read_bytes() == before  # the report was made on a copy


def test_starttls_and_login_with_a_self_made_certificate(workbook: Path, tls_smtp,
                                                         certificate) -> None:
    inbox, port = tls_smtp
    env = {"SSL_CERT_FILE": str(certificate[0]), "XLTRADE_SMTP_PASSWORD": "s3cret"}
    done = xltrade("mail", str(workbook), "--to", "boss@example.com", "--smtp",
                   f"127.0.0.1:{port}", "--starttls", "--user", "sales@example.com",
                   "--today", DAY, env=env)
    assert done.returncode == 0, done.stderr
    (envelope,) = inbox.envelopes
    check_report_mail(parse(envelope.content))
    assert parse(envelope.content)["From"] == "sales@example.com"


def test_wrong_password_is_one_clear_line(workbook: Path, tls_smtp, certificate) -> None:
    inbox, port = tls_smtp
    env = {"SSL_CERT_FILE": str(certificate[0]), "XLTRADE_SMTP_PASSWORD": "wrong"}
    done = xltrade("mail", str(workbook), "--to", "boss@example.com", "--smtp",
                   f"127.0.0.1:{port}", "--starttls", "--user", "sales@example.com",
                   "--today", DAY, env=env)
    assert done.returncode == 1
    assert done.stderr.strip().count("\n") == 0
    assert "did not accept the user name and password for sales@example.com" in done.stderr
    assert inbox.envelopes == []


def test_untrusted_certificate_is_refused(workbook: Path, tls_smtp) -> None:
    _, port = tls_smtp
    done = xltrade("mail", str(workbook), "--to", "boss@example.com", "--smtp",
                   f"127.0.0.1:{port}", "--starttls", "--user", "sales@example.com",
                   "--today", DAY, env={"XLTRADE_SMTP_PASSWORD": "s3cret"})
    assert done.returncode == 1 and "secure connection failed" in done.stderr


def test_refused_connection_bad_address_and_refused_recipient(workbook: Path,
                                                               smtp) -> None:
    inbox, port = smtp
    closed = xltrade("mail", str(workbook), "--to", "boss@example.com", "--from",
                     "me@example.com", "--smtp", "127.0.0.1:9", "--today", DAY)
    assert closed.returncode == 1 and "refused the connection" in closed.stderr
    bad = xltrade("mail", str(workbook), "--to", "boss-at-example", "--from",
                  "me@example.com", "--smtp", f"127.0.0.1:{port}", "--today", DAY)
    assert bad.returncode == 1 and "不是邮箱地址：'boss-at-example'" in bad.stderr
    # Words with spaces are one wrong entry, named as typed, with what to do.
    spaced = xltrade("mail", str(workbook), "--to", "not an address", "--eml",
                     str(workbook.with_suffix(".eml")), "--today", DAY)
    assert spaced.returncode == 1
    assert spaced.stderr.strip().endswith("不是邮箱地址：'not an address'（多个地址用逗号分隔）")
    assert xltrade("mail", str(workbook), "--to", "a@example.com b@example.com; c@example.com",
                   "--eml", str(workbook.with_suffix(".eml")), "--today", DAY).returncode == 0
    inbox.refuse.add("gone@example.com")
    refused = xltrade("mail", str(workbook), "--to", "gone@example.com", "--from",
                      "me@example.com", "--smtp", f"127.0.0.1:{port}", "--today", DAY)
    assert refused.returncode == 1 and "refused the recipient(s): gone@example.com" in \
        refused.stderr
    for done in (closed, bad, refused):
        assert "Traceback" not in done.stderr and done.stderr.strip().count("\n") == 0
    assert inbox.envelopes == []


def test_eml_draft_parses_back(workbook: Path, tmp_path: Path) -> None:
    draft = tmp_path / "draft.eml"
    done = xltrade("mail", str(workbook), "--to", "boss@example.com", "--eml", str(draft),
                   "--today", DAY)
    assert done.returncode == 0, done.stderr
    msg = parse(draft.read_bytes())
    assert msg["X-Unsent"] == "1" and msg["To"] == "boss@example.com"
    assert msg["From"] is None  # the mail program fills in the sender
    check_report_mail(msg)


def test_recipients_and_method_default_from_settings(workbook: Path) -> None:
    wb = openpyxl.load_workbook(workbook, keep_vba=True)
    ws = wb["设置"]
    for row in ws.iter_rows(min_row=3):
        if row[0].value == "经理邮箱":
            row[1].value = "boss@example.com; vp@example.com"
        if row[0].value == "发送方式":
            row[1].value = "eml"
    wb.save(workbook)
    done = xltrade("mail", str(workbook), "--today", DAY)
    assert done.returncode == 0, done.stderr
    draft = workbook.with_name("周报-2026-W47.eml")
    assert parse(draft.read_bytes())["To"] == "boss@example.com, vp@example.com"


class Recorded(Passwords):
    """Accepts any password, and remembers every AUTH it was sent."""

    def __init__(self) -> None:
        super().__init__({})
        self.calls: list[str] = []

    def __call__(self, server, session, envelope, mechanism, auth_data) -> AuthResult:
        self.calls.append(mechanism)
        return AuthResult(success=True)


def test_no_password_goes_to_a_server_without_encryption(workbook: Path) -> None:
    """A server that would take AUTH PLAIN in clear (auth_require_tls off) and offers no
    STARTTLS: xltrade refuses before sending any credential, and sends nothing."""
    inbox, port, auth = Inbox(), free_port(), Recorded()
    controller = Controller(inbox, hostname="127.0.0.1", port=port, authenticator=auth,
                            auth_require_tls=False)
    controller.start()
    try:
        done = xltrade("mail", str(workbook), "--to", "boss@example.com", "--smtp",
                       f"127.0.0.1:{port}", "--user", "me@example.com", "--today", DAY,
                       env={"XLTRADE_SMTP_PASSWORD": "s3cret"})
    finally:
        controller.stop()
    assert done.returncode == 1
    assert done.stderr.strip().count("\n") == 0 and "Traceback" not in done.stderr
    assert "offers no encryption" in done.stderr and "in clear" in done.stderr
    assert auth.calls == [] and inbox.envelopes == []


def test_starttls_is_used_when_offered_even_if_not_asked(workbook: Path, tls_smtp,
                                                         certificate) -> None:
    inbox, port = tls_smtp
    env = {"SSL_CERT_FILE": str(certificate[0]), "XLTRADE_SMTP_PASSWORD": "s3cret"}
    done = xltrade("mail", str(workbook), "--to", "boss@example.com", "--smtp",
                   f"127.0.0.1:{port}", "--user", "sales@example.com", "--today", DAY,
                   env=env)
    assert done.returncode == 0, done.stderr
    assert len(inbox.envelopes) == 1


@pytest.mark.parametrize("template", [
    "{week:>1500000000}", "{week.__class__.__mro__}", "{0}{}", "{week", "}{",
    "报告 {week} " * 100])
def test_the_subject_template_is_taken_literally(template: str) -> None:
    from xltrade import mail
    from xltrade.rules.settings import Settings

    week = types.SimpleNamespace(week_start=dt.date(2026, 11, 16))
    report = mail.Report(summary=week, settings=Settings(email_subject=template),  # type: ignore[arg-type]
                         lang="zh", attachment=b"", attachment_name="")
    text = mail.subject(report)
    assert len(text) <= mail.SUBJECT_LIMIT
    assert "class" not in text.replace("__class__", "") and "type" not in text
    expected = " ".join(template[:mail.SUBJECT_LIMIT].replace("{week}", "2026-W47").split())
    assert text == expected[:mail.SUBJECT_LIMIT]


class Tables(HTMLParser):
    """The tables of an HTML body, as rows of cell texts."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[list[list[str]]] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None:
            self.tables[-1][-1].append("".join(self._cell))
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def test_the_mail_body_has_the_figures_the_salespeople_and_the_urgent_customers(
        make_workbook, tmp_path: Path) -> None:
    from xltrade import mail

    headers = ["客户名称", "业务员", "跟进阶段", "最近跟进", "订单数"]
    rows = [['<script>alert("x")</script> & Sons', "张伟", "成交", dt.date(2026, 9, 1), 2],
            ["Berlin Haus", "李娜", "已报价", dt.date(2026, 10, 1), None],
            ["Lagos Co", "李娜", "新询盘", dt.date(2026, 11, 17), None]]
    report = mail.prepare(make_workbook(headers, rows), today=dt.date(2026, 11, 18))
    body = mail.html_body(report)
    assert "<script>" not in body and "&lt;script&gt;" in body
    parser = Tables()
    parser.feed(body)
    figures, owners, urgent = parser.tables
    assert figures[0] == ["指标", "本周", "变化"] and len(figures) > 5
    assert owners[0][:2] == ["业务员", "客户数"] and {r[0] for r in owners[1:]} == {"张伟", "李娜"}
    assert [r[:3] for r in urgent[1:]] == [
        ['<script>alert("x")</script> & Sons', "张伟", "A"], ["Berlin Haus", "李娜", "B"]]
    text = mail.text_body(report)
    assert "按业务员" in text and "逾期的 A、B 级客户" in text and "Berlin Haus" in text
    # The text tables line up: each owner row has its name at the start of a line.
    lines = text.splitlines()
    assert any(line.startswith("张伟") for line in lines)
