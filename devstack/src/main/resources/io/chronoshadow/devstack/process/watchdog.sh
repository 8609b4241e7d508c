# chrono watchdog: stops one child of a JVM when that JVM dies, however it dies (kill -9 included).
# Started by ParentWatchdog.java as: sh -c "<this file>" chrono-watchdog NAME PID MARKER SIGNAL GRACE
#   stdin   a pipe whose only writer is the JVM: a line disarms us (the JVM stopped the child itself);
#           end of file means the JVM is gone, since the kernel closes a dead process's pipes.
#   PID     the child's pid, or @FILE: read it from the first line of FILE (postmaster.pid) then,
#           so that a watchdog started before its child covers the child's whole start-up.
#   MARKER  an argument the child's command line has exactly (its data directory); checked before
#           every signal, so that a process that merely reuses the pid is never signalled.
#   SIGNAL  the child's graceful stop (INT: PostgreSQL's fast shutdown; TERM), then SIGKILL after
#           GRACE seconds.
# Needs only sh with its kill builtin, tr, grep and sleep (all in Debian's essential set) and /proc.
# A Ctrl-C or hang-up is the JVM's to handle (it stops the child and disarms us). And our stderr is
# the JVM's, often a pipe whose reader goes when the JVM does: a write must not kill us by SIGPIPE.
trap '' INT HUP PIPE
if read -r _; then exit 0; fi
name=$1 pid=$2 marker=$3 signal=$4 grace=$5
ours() { tr '\0' '\n' <"/proc/$pid/cmdline" 2>/dev/null | grep -qxF -e "$marker"; }
case $pid in
@*) # The child may be a moment from writing its pid file: look for up to 5 s.
  file=${pid#@} tries=50
  while :; do
    pid=
    [ -r "$file" ] && read -r pid <"$file"
    case $pid in '' | *[!0-9]*) pid=0 ;; esac
    ours && break
    tries=$((tries - 1))
    [ "$tries" -gt 0 ] || exit 0
    sleep 0.1
  done
  ;;
esac
ours || exit 0
kill -s "$signal" "$pid" 2>/dev/null
echo "chrono watchdog: the JVM that started $name (pid $pid, $marker) is gone; sent SIG$signal" >&2
ticks=$((grace * 10))
while [ "$ticks" -gt 0 ] && ours; do
  sleep 0.1
  ticks=$((ticks - 1))
done
if ours; then
  kill -s KILL "$pid" 2>/dev/null
  echo "chrono watchdog: $name (pid $pid) still ran ${grace}s later; sent SIGKILL" >&2
fi
