#!/usr/bin/env bash
# Everything a fresh machine needs before building and testing: the .NET SDK check, the
# Debian packages later test peers need, and the NuGet restore. Safe to run repeatedly.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v dotnet >/dev/null 2>&1; then
  echo "error: the .NET SDK 10 is required (dotnet not on PATH); install it from https://dot.net" >&2
  exit 1
fi

sdk_major=$(dotnet --version | cut -d. -f1)
if [ "$sdk_major" -lt 10 ]; then
  echo "error: .NET SDK 10 or later is required, found $(dotnet --version)" >&2
  exit 1
fi

# Debian packages for the real test peers and the tools the tests drive: docker.io is the Docker
# Engine (dockerd) the container transport's tests start privately; the SSH tests run a private sshd
# on loopback and the openssh provider runs the ssh client; tmux is the terminal the `psrp enter`
# tests type into. The WSMan authentication tests run a private MIT Kerberos KDC (krb5-kdc,
# krb5-admin-server for kdb5_util/kadmin.local, krb5-user for kinit), NTLM through gss-ntlmssp,
# and independent clients from Debian's python3 (pywinrm with requests-ntlm/requests-kerberos,
# pykerberos, python-gssapi).
apt_packages=(docker.io openssh-server openssh-client tmux
  krb5-kdc krb5-admin-server krb5-user gss-ntlmssp
  python3-winrm python3-requests-ntlm python3-requests-kerberos python3-kerberos python3-gssapi)
missing=()
for p in "${apt_packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${missing[@]}"
fi

dotnet restore Transport.sln --nologo -v quiet
