#!/bin/sh
# Install Linework for this user: the program in ~/.local/opt/Linework, a menu entry and
# an icon. Run it again to update; "./install.sh --uninstall" removes the program but never
# the studio's data (~/.local/share/Linework).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
share="${XDG_DATA_HOME:-$HOME/.local/share}"
opt="$HOME/.local/opt/Linework"
desktop="$share/applications/linework.desktop"
icon="$share/icons/hicolor/256x256/apps/linework.png"

if [ "${1:-}" = "--uninstall" ]; then
  rm -rf "$opt" "$desktop" "$icon"
  echo "Linework removed. Your studio's data is still in $share/Linework."
  exit 0
fi

rm -rf "$opt"
mkdir -p "$opt" "$(dirname "$desktop")" "$(dirname "$icon")"
cp -a "$here/Linework/." "$opt/"
cp "$here/linework.png" "$icon"
sed "s|^Exec=.*|Exec=\"$opt/Linework\"|" "$here/linework.desktop" > "$desktop"
chmod 644 "$desktop"
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database "$share/applications" || true
echo "Linework installed in $opt; open it from your applications menu."
