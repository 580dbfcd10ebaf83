"""``python -m pulih users add|passwd|disable|enable|list``. Passwords are asked for on the terminal
(or read from ``--password-stdin``), never taken from the command line where ``ps`` would show them."""

from __future__ import annotations

import argparse
import getpass
import sys

from sqlalchemy import select

from pulih import auth
from pulih.audit import SYSTEM_USER
from pulih.bootstrap import ready_engine
from pulih.database import read_session, write_session
from pulih.models import ROLES, User


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("users", help="manage user accounts")
    usub = p.add_subparsers(dest="users_command", required=True)
    add = usub.add_parser("add", help="create a user")
    add.add_argument("username")
    add.add_argument("--name", required=True)
    add.add_argument("--role", required=True, choices=ROLES)
    add.add_argument("--email")
    add.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    add.set_defaults(func=_add)
    pw = usub.add_parser("passwd", help="set a new password (ends all of the user's logins)")
    pw.add_argument("username")
    pw.add_argument("--password-stdin", action="store_true")
    pw.set_defaults(func=_passwd)
    for name, active in (("disable", False), ("enable", True)):
        q = usub.add_parser(name, help=f"{name} a user (ends all of the user's logins)")
        q.add_argument("username")
        q.set_defaults(func=_set_active, active=active)
    ls = usub.add_parser("list", help="list users")
    ls.set_defaults(func=_list)


def _password(args: argparse.Namespace) -> str:
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\n")
    first = getpass.getpass("Password: ")
    if first != getpass.getpass("Repeat password: "):
        raise SystemExit("error: the passwords do not match")
    return first



def _add(args: argparse.Namespace) -> int:
    password = _password(args)
    with write_session(ready_engine()) as s:
        auth.add_user(s, SYSTEM_USER, args.username, args.name, args.role, password, email=args.email)
    print(f"user {auth.normalise_username(args.username)} added ({args.role})")
    return 0


def _passwd(args: argparse.Namespace) -> int:
    password = _password(args)
    with write_session(ready_engine()) as s:
        auth.set_password(s, SYSTEM_USER, args.username, password)
    print(f"password of {auth.normalise_username(args.username)} changed; their existing logins are ended")
    return 0


def _set_active(args: argparse.Namespace) -> int:
    with write_session(ready_engine()) as s:
        auth.set_active(s, SYSTEM_USER, args.username, args.active)
    print(f"user {auth.normalise_username(args.username)} {'enabled' if args.active else 'disabled'}")
    return 0


def _list(_args: argparse.Namespace) -> int:
    with read_session(ready_engine()) as s:
        for u in s.scalars(select(User).order_by(User.username)):
            print(f"{u.username:<16} {u.role:<8} {'active' if u.is_active else 'disabled':<8} {u.name}")
    return 0
