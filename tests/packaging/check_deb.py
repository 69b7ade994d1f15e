#!/usr/bin/env python3
"""Builds the .deb with CPack into a temporary folder and checks it as a user would get it.

- its control fields: name, version, section; Depends names the Qt 6 runtime libraries
  and the plugins Qt loads at run time, no -dev package, and only packages that apt knows
  (in versions it has), and apt could install it (apt-get install --simulate);
- its files: the program, desktop entry, metainfo, icons, man page, copyright, .qm files;
- the program extracted from it (dpkg-deb -x into a fresh root) runs on its own: no
  RPATH/RUNPATH (so nothing from the build tree), every library resolves, each from a
  package that Depends pulls in, and `--version`, `lessons`, `run queues` print what they
  should, started from an empty folder;
- the man page is a man page.

The build must be complete (CPack runs the install rules, it builds nothing).
Every problem found is listed at the end; exit 1 then, 77 when a tool is missing.
"""
import argparse
import gzip
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

SKIP = 77
APP_ID = "org.dirigent.Dirigent"
# The libraries dpkg-shlibdeps must find in the binary, and what it cannot see.
REQUIRED_DEPENDS = ["libqt6core6", "libqt6gui6", "libqt6widgets6", "libqt6network6", "libqt6sql6",
                    "libqt6charts6", "qt6-qpa-plugins", "libqt6sql6-sqlite", "libqt6sql6-psql"]

problems = []


def problem(text):
    problems.append(text)
    print(f"  PROBLEM: {text}")


def run(argv, **kwargs):
    kwargs.setdefault("capture_output", True)
    kwargs.setdefault("text", True)
    return subprocess.run(argv, **kwargs)


def parse_relations(field):
    """'a (>= 1), b | c' -> [[('a', '>=', '1')], [('b', None, None), ('c', None, None)]]"""
    relations = []
    for relation in filter(None, (r.strip() for r in field.split(","))):
        alternatives = []
        for alternative in relation.split("|"):
            m = re.fullmatch(r"\s*([a-z0-9][a-z0-9+.-]+)(?::[a-z0-9-]+)?\s*(?:\(\s*([<>=]+)\s*([^)\s]+)\s*\))?\s*",
                             alternative)
            if not m:
                problem(f"cannot read the relation {alternative!r} in Depends")
                continue
            alternatives.append(m.groups())
        relations.append(alternatives)
    return relations


def candidate_version(name):
    """The version apt would install (or the installed one), None if apt knows no such package."""
    policy = run(["apt-cache", "policy", name]).stdout
    for key in ("Candidate", "Installed"):
        m = re.search(rf"^\s*{key}:\s*(\S+)", policy, re.M)
        if m and m.group(1) != "(none)":
            return m.group(1)
    installed = run(["dpkg-query", "-W", "-f=${Version}", name])
    return installed.stdout.strip() if installed.returncode == 0 and installed.stdout.strip() else None


def satisfies(version, op, wanted):
    dpkg_op = {">=": "ge", "<=": "le", ">>": "gt", "<<": "lt", "=": "eq"}[op]
    return run(["dpkg", "--compare-versions", version, dpkg_op, wanted]).returncode == 0


def check_control(deb, version):
    print("\n== dpkg-deb -I")
    info = run(["dpkg-deb", "-I", str(deb)])
    print(info.stdout.rstrip())
    fields = {}
    for key in ("Package", "Version", "Section", "Architecture", "Depends", "Maintainer"):
        fields[key] = run(["dpkg-deb", "-f", str(deb), key]).stdout.strip()
    expected = {"Package": "dirigent", "Version": version, "Section": "education"}
    for key, value in expected.items():
        if fields[key] != value:
            problem(f"{key} is {fields[key]!r}, expected {value!r}")
    if not re.fullmatch(r"[^<>]+ <[^<>@\s]+@[^<>\s]+>", fields["Maintainer"]):
        problem(f"Maintainer {fields['Maintainer']!r} is not 'Name <email>'")

    relations = parse_relations(fields["Depends"])
    names = [alt[0] for relation in relations for alt in relation]
    print(f"\n== Depends, one per line\n  " + "\n  ".join(fields["Depends"].split(", ")))
    for name in REQUIRED_DEPENDS:
        if name not in names:
            problem(f"Depends lacks {name}")
    for name in names:
        if name.endswith("-dev") or "-dev-" in name:
            problem(f"Depends names the development package {name}: a user needs no headers")
    for relation in relations:
        met = []
        for name, op, wanted in relation:
            have = candidate_version(name)
            if have is None:
                continue
            if op and not satisfies(have, op, wanted):
                continue
            met.append(f"{name} {have}")
        text = " | ".join(f"{n} ({o} {w})" if o else n for n, o, w in relation)
        if met:
            print(f"  ok: {text}: apt has {', '.join(met)}")
        else:
            problem(f"Depends: {text}: apt knows no such package (in that version); apt-cache policy says so")
    # The whole Depends line at once, as apt would resolve it (a simulation: needs no root).
    simulated = run(["apt-get", "install", "--simulate", "--no-install-recommends", str(deb.resolve())],
                    env=dict(os.environ, LC_ALL="C"))
    planned = [line for line in simulated.stdout.splitlines() if line.startswith("Inst ")]
    if simulated.returncode != 0:
        problem(f"apt-get install --simulate cannot install the package: "
                f"{(simulated.stdout + simulated.stderr).strip()[-1500:]}")
    else:
        print(f"  apt-get install --simulate: would install {len(planned)} package(s): "
              f"{', '.join(line.split()[1] for line in planned)}")
    return fields, names


def expected_files():
    files = ["usr/bin/dirigent",
             f"usr/share/applications/{APP_ID}.desktop",
             f"usr/share/metainfo/{APP_ID}.metainfo.xml",
             f"usr/share/icons/hicolor/scalable/apps/{APP_ID}.svg",
             "usr/share/man/man1/dirigent.1.gz",
             "usr/share/doc/dirigent/copyright",
             "usr/share/dirigent/translations/dirigent_de.qm",
             "usr/share/dirigent/translations/dirigent_en.qm"]
    files += [f"usr/share/icons/hicolor/{n}x{n}/apps/{APP_ID}.png" for n in (16, 32, 48, 64, 128, 256)]
    return files


def check_contents(deb):
    print("\n== dpkg-deb -c (files only)")
    listing = run(["dpkg-deb", "-c", str(deb)]).stdout.splitlines()
    entries = {}
    for line in listing:
        parts = line.split(None, 5)
        path = parts[5].removeprefix("./")
        entries[path.rstrip("/")] = parts[0]
        if not line.startswith("d"):
            print(f"  {parts[0]} {parts[2]:>9} {path}")
    for path in expected_files():
        if path not in entries:
            problem(f"the package lacks /{path}")
    mode = entries.get("usr/bin/dirigent", "")
    if mode and mode != "-rwxr-xr-x":
        problem(f"/usr/bin/dirigent has mode {mode}, expected -rwxr-xr-x")
    for path in entries:
        if path and not (path == "usr" or path.startswith("usr/")) or path.startswith("usr/local"):
            problem(f"/{path}: a package installs under /usr (not /usr/local)")


def check_rpath(binary, build_dir):
    print("\n== readelf -d: RPATH/RUNPATH")
    dynamic = run(["readelf", "-d", str(binary)])
    if dynamic.returncode != 0:
        problem(f"readelf -d {binary} failed: {dynamic.stderr.strip()}")
        return
    paths = [line.strip() for line in dynamic.stdout.splitlines() if re.search(r"\((RPATH|RUNPATH)\)", line)]
    print("  " + ("\n  ".join(paths) if paths else "none"))
    for line in paths:
        where = " (into the build tree)" if str(build_dir) in line else ""
        problem(f"the installed binary has a library search path{where}: {line}; CMake should drop "
                f"it at install (see INSTALL_RPATH in packaging/CMakeLists.txt)")


def clean_environment():
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("LD_", "QT_", "DIRIGENT_", "LC_", "LANG", "PYTHON"))}
    env.update({"QT_QPA_PLATFORM": "offscreen", "LANG": "C.UTF-8"})
    return env


def check_program(binary, version, workdir):
    env = clean_environment()

    def dirigent(*args):
        print(f"\n== (cd {workdir} && {binary} {' '.join(args)})")
        try:
            done = run([str(binary), *args], cwd=workdir, env=env, timeout=180)
        except subprocess.TimeoutExpired:
            problem(f"dirigent {' '.join(args)} did not end within 180 s")
            return None
        lines = done.stdout.splitlines()
        shown = lines if len(lines) <= 12 else lines[:8] + [f"... ({len(lines) - 10} lines more)"] + lines[-2:]
        print("  " + "\n  ".join(shown))
        if done.stderr.strip():
            print("  stderr: " + done.stderr.strip().replace("\n", "\n  stderr: "))
        if done.returncode != 0:
            problem(f"dirigent {' '.join(args)} exited with {done.returncode}: {done.stderr.strip()[:400]}")
        return done

    done = dirigent("--version")
    if done and done.stdout.strip() != f"dirigent {version}":
        problem(f"--version printed {done.stdout.strip()!r}, expected 'dirigent {version}'")
    done = dirigent("lessons")
    if done and not any(re.match(r"\s*\d+\.\s+queues\b", line) for line in done.stdout.splitlines()):
        problem("`dirigent lessons` lists no lesson 'queues' (a line like '7. queues  ...')")
    done = dirigent("run", "queues")
    if done and not any(line.startswith("t=") for line in done.stdout.splitlines()):
        problem("`dirigent run queues` printed no log line starting with 't='")
    leftovers = list(Path(workdir).iterdir())
    if leftovers:
        problem(f"the commands left files in the folder they ran in: {[p.name for p in leftovers]}")


def package_of(path):
    """The package that ships a library, trying the path as ldd names it and its /usr twin."""
    candidates = [path, os.path.realpath(path)]
    for p in list(candidates):
        if p.startswith("/usr/"):
            candidates.append(p[len("/usr"):])
        else:
            candidates.append("/usr" + p)
    for p in dict.fromkeys(candidates):
        found = run(["dpkg", "-S", p])
        if found.returncode == 0:
            return found.stdout.split(":", 1)[0].split(",")[0].strip()
    return None


def check_libraries(binary, depends):
    print("\n== ldd: every library resolves, from a package that Depends pulls in")
    ldd = run(["ldd", str(binary)])
    if ldd.returncode != 0:
        problem(f"ldd {binary} failed: {ldd.stderr.strip()}")
        return
    closure_run = run(["apt-cache", "depends", "--recurse", "--no-recommends", "--no-suggests",
                       "--no-conflicts", "--no-breaks", "--no-replaces", "--no-enhances", *depends])
    closure = {line.strip().split(":")[0] for line in closure_run.stdout.splitlines()
               if line and not line[0].isspace() and not line.startswith("<")}
    if not closure:
        problem(f"apt-cache depends --recurse gave nothing for {depends}: {closure_run.stderr.strip()}")
    indirect = []
    for line in ldd.stdout.splitlines():
        line = line.strip()
        if "not found" in line:
            problem(f"ldd: {line}")
            continue
        m = re.match(r"(\S+)\s+=>\s+(/\S+)", line) or re.match(r"(/\S+)\s+\(0x", line)
        if not m:
            continue  # linux-vdso.so.1: in the kernel, no file
        path = m.group(m.lastindex)
        if not path.startswith(("/usr/lib", "/lib")):
            problem(f"{line}: a library from outside /usr/lib and /lib")
            continue
        package = package_of(path)
        if package is None:
            problem(f"{path}: no Debian package ships it (dpkg -S)")
        elif package in depends:
            print(f"  {path}: {package} (in Depends)")
        elif package in closure:
            indirect.append(package)
        else:
            problem(f"{path} comes from {package}, which Depends neither names nor pulls in")
    if indirect:
        print(f"  and {len(indirect)} more, from packages that Depends pulls in: "
              f"{', '.join(sorted(set(indirect)))}")


def check_man_page(root, version):
    page = root / "usr/share/man/man1/dirigent.1.gz"
    print(f"\n== man page {page.name}")
    if not page.exists():
        return
    text = gzip.decompress(page.read_bytes()).decode("utf-8")
    for needle in ('.TH DIRIGENT "1"', f"dirigent {version}", ".SH NAME", ".SH SYNOPSIS", ".SH OPTIONS",
                   ".SH EXAMPLES", "dirigent run queues"):
        if needle not in text:
            problem(f"the man page lacks {needle!r}")
    if re.search(r"/work/|build/app|/tmp/", text):
        problem("the man page names a path of the build machine")
    if shutil.which("man"):
        env = dict(clean_environment(), MANWIDTH="80", MAN_DISABLE_SECCOMP="1")
        shown = run(["man", "--warnings", "-l", str(page)], env=env)
        print("  " + "\n  ".join(shown.stdout.splitlines()[:8]) + "\n  ...")
        if shown.returncode != 0 or not shown.stdout.lstrip().startswith("DIRIGENT(1)"):
            problem(f"man -l could not render it (exit {shown.returncode}): {shown.stderr.strip()[:400]}")
        elif shown.stderr.strip():
            problem(f"man -l warns: {shown.stderr.strip()[:400]}")
    else:
        print("  (man is not installed: only the source was checked)")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cpack-config", required=True, type=Path)
    parser.add_argument("--cpack", default="cpack")
    parser.add_argument("--version", required=True)
    parser.add_argument("--build-dir", required=True, type=Path)
    parser.add_argument("--source-dir", required=True, type=Path)
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args()

    # CPack's DEB generator needs file and dpkg-shlibdeps; scripts/setup.sh installs them.
    for tool in ("dpkg-deb", "dpkg", "dpkg-query", "apt-cache", "apt-get", "readelf", "ldd", "dpkg-shlibdeps", "file"):
        if shutil.which(tool) is None:
            print(f"SKIP: {tool} is not installed (packages dpkg, apt, binutils, libc-bin, dpkg-dev, file)")
            return SKIP

    tmp = Path(tempfile.mkdtemp(prefix="dirigent-deb-"))
    try:
        out = tmp / "out"
        print(f"== {args.cpack} -G DEB --config {args.cpack_config} -B {out}")
        built = run([args.cpack, "-G", "DEB", "--config", str(args.cpack_config.resolve()), "-B", str(out)], cwd=tmp)
        print(built.stdout.rstrip())
        if built.returncode != 0:
            problem(f"cpack failed (exit {built.returncode}); is the build complete? {built.stderr.strip()[:1500]}")
            return report(tmp, args.keep)
        arch = run(["dpkg", "--print-architecture"]).stdout.strip()
        debs = sorted(out.glob("*.deb"))
        wanted = out / f"dirigent_{args.version}_{arch}.deb"
        if debs != [wanted]:
            problem(f"cpack made {[d.name for d in debs]}, expected just {wanted.name}")
            if not debs:
                return report(tmp, args.keep)
        deb = debs[0]

        fields, names = check_control(deb, args.version)
        check_contents(deb)

        root = tmp / "root"
        root.mkdir()
        extracted = run(["dpkg-deb", "-x", str(deb), str(root)])
        if extracted.returncode != 0:
            problem(f"dpkg-deb -x failed: {extracted.stderr.strip()}")
            return report(tmp, args.keep)
        binary = root / "usr/bin/dirigent"
        if not binary.exists():
            return report(tmp, args.keep)
        check_rpath(binary, args.build_dir.resolve())
        check_libraries(binary, names)
        workdir = tmp / "cwd"
        workdir.mkdir()
        check_program(binary, args.version, workdir)
        check_man_page(root, args.version)
        return report(tmp, args.keep)
    finally:
        if not args.keep and not problems:
            shutil.rmtree(tmp, ignore_errors=True)


def report(tmp, keep):
    if problems:
        print(f"\nFAIL: {len(problems)} problem(s) with the .deb (its files are kept in {tmp}):")
        for text in problems:
            print(f"  - {text}")
        return 1
    print("\nOK: the .deb has the right fields and files, and its program runs on its own")
    if keep:
        print(f"(kept in {tmp})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
