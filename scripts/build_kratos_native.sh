#!/usr/bin/env bash
# Builds the native Kratos harness (bench/kratos_native/main.go) that `npm run bench` compares
# Tokenizer.tokenize with. Nothing here is fetched or committed: the go-jsonnet and jsonnet sources come
# from snapshots of their repositories that you pass in, Go and the small Go libraries from Debian.
#
#   scripts/build_kratos_native.sh GO_JSONNET JSONNET [GOPATH_DIR]
#
#   GO_JSONNET  a copy of the google/go-jsonnet repository: a checkout, or a bare git directory
#   JSONNET     a copy of the google/jsonnet repository (for stdlib/std.jsonnet), checkout or bare
#   GOPATH_DIR  the GOPATH to lay out (default: $TMPDIR/kratos-native-gopath); reused when it exists
#
# It prints two lines to put in the environment of `npm run bench`:
#   GO_JSONNET_GOPATH=…   the prepared GOPATH (bench/kratos_native.ts can build the harness from it)
#   KRATOS_NATIVE_BIN=…   the harness it built
#
# Needs, from Debian: golang-1.19-go golang-k8s-sigs-yaml-dev golang-golang-x-crypto-dev
# golang-github-fatih-color-dev golang-github-golang-jwt-jwt-dev golang-github-tidwall-gjson-dev
# golang-github-gofrs-uuid-dev. The build is in GOPATH mode (GO111MODULE=off): no module download.
set -euo pipefail

if [[ $# -lt 2 ]]; then
  sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
fi
GO_JSONNET_SRC=$(cd "$1" && pwd)
JSONNET_SRC=$(cd "$2" && pwd)
W=${3:-${TMPDIR:-/tmp}/kratos-native-gopath}
GO=${GO:-/usr/lib/go-1.19/bin/go}
HERE=$(cd "$(dirname "$0")/.." && pwd)

if [[ ! -x $GO ]]; then
  echo "no Go at $GO: apt-get install golang-1.19-go (and the libraries listed in $0), or set GO" >&2
  exit 1
fi
export GO111MODULE=off GOFLAGS= GOPATH="$W:/usr/share/gocode"
G=$W/src/github.com/google/go-jsonnet

# A bare git directory (HEAD and objects/ at its top, no work tree) or a plain checkout.
is_git_dir() { [[ -f $1/HEAD && -d $1/objects ]]; }
is_git_dir "$GO_JSONNET_SRC/.git" && GO_JSONNET_SRC=$GO_JSONNET_SRC/.git
is_git_dir "$JSONNET_SRC/.git" && JSONNET_SRC=$JSONNET_SRC/.git

if [[ ! -f $G/vm.go ]]; then
  mkdir -p "$G"
  if is_git_dir "$GO_JSONNET_SRC"; then
    # A snapshot may lack its largest blobs (astgen/stdast.go, regenerated below): export file by
    # file, skipping those that are absent, rather than `git archive`, which stops at the first.
    git --git-dir="$GO_JSONNET_SRC" ls-tree -r HEAD | while read -r mode type object path; do
      [[ $type == blob ]] || continue
      case $path in testdata/* | */testdata/* | c-bindings* | python/* | *_test.go) continue ;; esac
      mkdir -p "$G/$(dirname "$path")"
      git --git-dir="$GO_JSONNET_SRC" cat-file blob "$object" >"$G/$path" 2>/dev/null || rm -f "$G/$path"
    done
  else
    cp -a "$GO_JSONNET_SRC/." "$G/"
  fi
fi

# cpp-jsonnet/ is a git submodule, empty in a snapshot: take stdlib/std.jsonnet from the jsonnet
# repository at the commit the submodule names.
STD=$G/cpp-jsonnet/stdlib/std.jsonnet
if [[ ! -s $STD ]]; then
  mkdir -p "$(dirname "$STD")"
  if is_git_dir "$GO_JSONNET_SRC" && is_git_dir "$JSONNET_SRC"; then
    pinned=$(git --git-dir="$GO_JSONNET_SRC" ls-tree HEAD cpp-jsonnet | awk '{print $3}')
    git --git-dir="$JSONNET_SRC" show "$pinned:stdlib/std.jsonnet" >"$STD"
    echo "std.jsonnet from jsonnet at $pinned (go-jsonnet's cpp-jsonnet submodule)" >&2
  else
    cp "$JSONNET_SRC/stdlib/std.jsonnet" "$STD"
    echo "std.jsonnet taken as it is in $JSONNET_SRC: check it is the commit go-jsonnet's submodule names" >&2
  fi
fi

# The generated standard library AST (8.5 MB) can be missing or empty: regenerate it.
AST=$G/astgen/stdast.go
if [[ ! -s $AST ]] || ! grep -q 'StdAst = ' "$AST"; then
  mkdir -p "$G/astgen"
  printf 'package astgen\n\nimport "github.com/google/go-jsonnet/ast"\n\nvar StdAst ast.Node\n' >"$AST"
  (cd "$G" && "$GO" run ./cmd/dumpstdlibast cpp-jsonnet/stdlib/std.jsonnet >"$AST.new") && mv "$AST.new" "$AST"
  echo "regenerated astgen/stdast.go" >&2
fi

OUT=${KRATOS_NATIVE_OUT:-$W/bin/kratos_native}
mkdir -p "$(dirname "$OUT")"
(cd "$HERE/bench/kratos_native" && "$GO" build -o "$OUT" .)
echo "GO_JSONNET_GOPATH=$W"
echo "KRATOS_NATIVE_BIN=$OUT"
