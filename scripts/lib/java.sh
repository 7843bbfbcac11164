# Sourced by the project's scripts: selects a JDK >= 21 and exports JAVA_HOME and PATH.
# Order: JAVA_HOME when it qualifies, else the newest JDK >= 21 under /usr/lib/jvm
# (or /Library/Java/JavaVirtualMachines on macOS).

tidbsync_java_major() { # $1: a java executable; prints its feature version (17, 21, 25...)
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p' | head -n1
}

tidbsync_select_java() {
  local min=21 candidate major best="" best_major=0
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
    major=$(tidbsync_java_major "$JAVA_HOME/bin/java")
    if [ "${major:-0}" -ge "$min" ] 2>/dev/null; then
      export PATH="$JAVA_HOME/bin:$PATH"
      return 0
    fi
  fi
  for candidate in /usr/lib/jvm/*/bin/java /Library/Java/JavaVirtualMachines/*/Contents/Home/bin/java; do
    [ -x "$candidate" ] || continue
    major=$(tidbsync_java_major "$candidate")
    if [ "${major:-0}" -ge "$min" ] 2>/dev/null && [ "$major" -gt "$best_major" ]; then
      best="$candidate"; best_major="$major"
    fi
  done
  if [ -z "$best" ]; then
    echo "tidb-sync needs a JDK $min or newer and found none (JAVA_HOME=${JAVA_HOME:-unset}; searched /usr/lib/jvm)." >&2
    echo "Install one, e.g. 'apt-get install openjdk-21-jdk-headless' or a Temurin 21+ JDK, or point JAVA_HOME at it." >&2
    return 1
  fi
  JAVA_HOME="$(dirname "$(dirname "$(readlink -f "$best")")")"
  export JAVA_HOME
  export PATH="$JAVA_HOME/bin:$PATH"
}
