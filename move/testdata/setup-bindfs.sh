#!/bin/sh
# Makes sure bindfs is installed for move's FUSE test and prints its path.
#
# bindfs serves a directory at another path through FUSE, with its own view
# of permissions: a real user-space filesystem between the test and the
# files, as DrvFs (9p) is between WSL and a Windows drive. When it is
# missing, Debian's package is installed — only as root and with apt-get;
# otherwise the script says what to install and exits 1.
set -eu
if command -v bindfs >/dev/null 2>&1; then
	command -v bindfs
	exit 0
fi
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
	echo "bindfs is not installed, and installing it needs root and apt-get: install the bindfs package" >&2
	exit 1
fi
export DEBIAN_FRONTEND=noninteractive
install() { apt-get install -y --no-install-recommends bindfs >&2; }
install || { apt-get update >&2 && install; }
command -v bindfs
