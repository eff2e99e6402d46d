#!/bin/sh
# Makes bindfs available to the tests that need a FUSE mount standing in for
# a Windows drive under WSL2 (drvfs_test.go). It installs Debian's bindfs when
# it is missing and this runs as root with apt-get; otherwise it says why not
# on stderr and exits 2, and the test skips with that message.
set -eu

if command -v bindfs >/dev/null 2>&1; then
	exit 0
fi
if [ "$(id -u)" != 0 ]; then
	echo "bindfs is not installed, and installing it needs root (apt-get install bindfs)" >&2
	exit 2
fi
if ! command -v apt-get >/dev/null 2>&1; then
	echo "bindfs is not installed, and there is no apt-get to install it with" >&2
	exit 2
fi
export DEBIAN_FRONTEND=noninteractive
# Package lists may be missing or stale on a fresh CI image: update once and retry.
if ! apt-get install -y --no-install-recommends bindfs >&2; then
	apt-get update >&2 && apt-get install -y --no-install-recommends bindfs >&2 || {
		echo "apt-get could not install bindfs (see above)" >&2
		exit 2
	}
fi
command -v bindfs >/dev/null 2>&1 || {
	echo "apt-get installed bindfs, but it is not on PATH" >&2
	exit 2
}
