#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The Slurm recipe of docs/SWEEPS.md on a real one-node Slurm (issue 11): munged,
# slurmctld and slurmd started here with a generated key and config in a temp
# dir (SlurmUser root, no cgroups, ports free on 127.0.0.1), the sweep submitted
# as a job array of 4 shards, the parts concatenated and compared byte for byte
# with the unsharded table. Exit 77 (skipped) when Slurm or munge is not
# installed; every wait is bounded; the daemons and the temp dir always go.
set -u
# slurmd double-forks a slurmstepd per job step; on a machine whose pid 1 is
# slow to reap orphans (a container's init) they linger as zombies. Re-run this
# script as a child subreaper (prctl PR_SET_CHILD_SUBREAPER, kept across exec)
# so the orphans come to bash, which reaps them.
if [ -z "${CURTAIL_SLURM_SUBREAPER:-}" ] && command -v python3 >/dev/null 2>&1; then
    export CURTAIL_SLURM_SUBREAPER=1
    exec python3 -c 'import ctypes, os, sys
ctypes.CDLL(None, use_errno=True).prctl(36, 1, 0, 0, 0)
os.execvp("bash", ["bash"] + sys.argv[1:])' "$0" "$@"
fi
[ -n "${SLURM_TEST_TRACE:-}" ] && set -x
CLI=$1
EXAMPLE=$2
SET=targets.ratios.orange.NOx=0.20:0.30:0.01
NSHARDS=4

say() { echo "slurm_test: $*"; }
fail() { say "FAIL: $*"; dump_logs; exit 1; }

for p in munged slurmctld slurmd sbatch squeue sinfo scontrol; do
    if ! command -v "$p" >/dev/null 2>&1 && ! [ -x "/usr/sbin/$p" ]; then
        say "skipped: $p not installed (Debian: apt-get install slurm-wlm munge)"
        exit 77
    fi
done
PATH=$PATH:/usr/sbin:/sbin
if [ "$(id -u)" -ne 0 ]; then
    say "skipped: needs root (SlurmUser root, slurmd runs jobs as the submitter)"
    exit 77
fi

DIR=$(mktemp -d /tmp/curtail-slurm.XXXXXX)
chmod 700 "$DIR"
PIDS=""
cleanup() {
    # The daemons run in the foreground as this script's children, so they
    # are reaped here (pid 1 of a container may never reap orphans).
    for pid in $PIDS; do kill "$pid" 2>/dev/null; done
    local deadline=$((SECONDS + 5)) alive
    while :; do
        alive=""
        for pid in $PIDS; do kill -0 "$pid" 2>/dev/null && alive=1; done
        [ -z "$alive" ] || [ "$SECONDS" -ge "$deadline" ] && break
        sleep 0.2
    done
    for pid in $PIDS; do kill -9 "$pid" 2>/dev/null; done
    wait 2>/dev/null
    rm -rf "$DIR"
}
trap cleanup EXIT
trap 'say "interrupted"; exit 1' INT TERM HUP

dump_logs() {
    for f in "$DIR"/*.out "$DIR"/munged.log "$DIR"/slurmctld.log "$DIR"/slurmd.log "$DIR"/slurm-*.out; do
        [ -f "$f" ] || continue
        echo "----- $f (last 30 lines)"
        tail -n 30 "$f"
    done
}

# wait_for SECONDS CMD...: run CMD every 0.2 s until it succeeds or SECONDS of
# wall time are up (each Slurm client call in CMD is bounded by `timeout`).
wait_for() {
    local deadline=$((SECONDS + $1))
    shift
    until "$@" >/dev/null 2>&1; do
        [ "$SECONDS" -ge "$deadline" ] && return 1
        sleep 0.2
    done
}

# Two free TCP ports on 127.0.0.1 (the kernel picks them; a small race with
# another process binding them in between is accepted).
free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}
CTLD_PORT=$(free_port) || fail "cannot pick a port"
SLURMD_PORT=$(free_port) || fail "cannot pick a port"
while [ "$SLURMD_PORT" = "$CTLD_PORT" ]; do SLURMD_PORT=$(free_port); done

# munge: a generated key, socket, pid, seed and log in the temp dir.
mkdir -p "$DIR/munge" "$DIR/state" "$DIR/spool" "$DIR/work"
chmod 755 "$DIR/munge"
dd if=/dev/urandom of="$DIR/munge/munge.key" bs=1024 count=1 2>/dev/null
chmod 400 "$DIR/munge/munge.key"
SOCK=$DIR/munge/munge.socket
munged --foreground --force --key-file="$DIR/munge/munge.key" --socket="$SOCK" \
    --pid-file="$DIR/munge/munged.pid" --seed-file="$DIR/munge/munged.seed" \
    --log-file="$DIR/munged.log" >"$DIR/munged.out" 2>&1 &
PIDS="$PIDS $!"
wait_for 10 test -S "$SOCK" || fail "munged socket $SOCK did not appear"

NODE=curtailnode
HOST=$(uname -n | cut -d. -f1)   # what slurmctld compares SlurmctldHost with
CPUS=$(nproc)
export SLURM_CONF=$DIR/slurm.conf
cat > "$SLURM_CONF" <<EOF
ClusterName=curtailtest
SlurmctldHost=$HOST(127.0.0.1)
SlurmctldPort=$CTLD_PORT
SlurmdPort=$SLURMD_PORT
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$SOCK
StateSaveLocation=$DIR/state
SlurmdSpoolDir=$DIR/spool
SlurmctldPidFile=$DIR/slurmctld.pid
SlurmdPidFile=$DIR/slurmd.pid
SlurmctldLogFile=$DIR/slurmctld.log
SlurmdLogFile=$DIR/slurmd.log
SlurmctldDebug=info
SlurmdDebug=info
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
SchedulerType=sched/builtin
MpiDefault=none
ReturnToService=2
MailProg=/bin/true
SlurmctldTimeout=30
SlurmdTimeout=30
InactiveLimit=0
KillWait=5
MinJobAge=300
NodeName=$NODE NodeAddr=127.0.0.1 NodeHostname=$HOST CPUs=$CPUS State=UNKNOWN
PartitionName=curtail Nodes=$NODE Default=YES MaxTime=INFINITE State=UP
EOF

slurmctld -D -i >"$DIR/slurmctld.out" 2>&1 &
PIDS="$PIDS $!"
wait_for 15 timeout 5 scontrol ping || fail "slurmctld not answering within 15 s"
slurmd -D -N "$NODE" >"$DIR/slurmd.out" 2>&1 &
PIDS="$PIDS $!"

node_idle() { [ "$(timeout 5 sinfo -h -n "$NODE" -o %T 2>/dev/null)" = idle ]; }
wait_for 20 node_idle || { timeout 5 sinfo -N -l; fail "node $NODE not idle within 20 s"; }
say "one-node Slurm up (slurmctld :$CTLD_PORT, slurmd :$SLURMD_PORT)"

# The unsharded table (exit 3: some targets unmet, the table is still written).
cd "$DIR/work" || fail "no work dir"
"$CLI" sweep "$EXAMPLE" --set "$SET" -o all.csv 2>/dev/null
rc=$?
{ [ "$rc" -le 4 ] && [ -s all.csv ]; } || fail "unsharded sweep exit $rc"

# The job array of docs/SWEEPS.md (2 CPUs per task as there, where the node has them).
CPT=1
[ "$CPUS" -ge 2 ] && CPT=2
cat > sweep.sbatch <<EOF
#!/bin/sh
#SBATCH --array=0-$((NSHARDS - 1))
#SBATCH --cpus-per-task=$CPT
#SBATCH --output=$DIR/slurm-%A_%a.out
'$CLI' sweep '$EXAMPLE' --set $SET \\
    --shard \$SLURM_ARRAY_TASK_ID/\$SLURM_ARRAY_TASK_COUNT -j \$SLURM_CPUS_PER_TASK \\
    -o part-\$SLURM_ARRAY_TASK_ID.csv
EOF
JOB=$(sbatch --parsable --chdir="$DIR/work" sweep.sbatch) || fail "sbatch refused the array"
JOB=${JOB%%;*}
say "submitted array job $JOB"
job_gone() {
    local q
    q=$(timeout 5 squeue -h -j "$JOB" -o %i 2>/dev/null) && [ -z "$q" ]
}
wait_for 30 job_gone || { timeout 5 squeue; fail "array job $JOB not finished within 30 s"; }

# MinJobAge keeps the finished tasks visible: each task's state and exit
# code are those of the same shard run here (0 COMPLETED; 3, some targets
# unmet, FAILED in Slurm's words, its part written all the same).
states=$(timeout 5 scontrol -o show job "$JOB" |
    sed -n 's/.*ArrayTaskId=\([0-9]*\) .*JobState=\([A-Z]*\) .*ExitCode=\([0-9]*\):.*/\1:\2:\3/p' |
    sort -n | tr '\n' ' ')
want=""
i=0
while [ "$i" -lt "$NSHARDS" ]; do
    "$CLI" sweep "$EXAMPLE" --set "$SET" --shard "$i/$NSHARDS" -o /dev/null 2>/dev/null
    rc=$?
    case $rc in 0) st=COMPLETED ;; *) st=FAILED ;; esac
    want="$want$i:$st:$rc "
    i=$((i + 1))
done
[ "$states" = "$want" ] || fail "array tasks (id:state:exit) are '$states', expected '$want'"
say "array tasks (id:state:exit): $states"
parts=""
i=0
while [ "$i" -lt "$NSHARDS" ]; do
    [ -f "part-$i.csv" ] || fail "part-$i.csv missing"
    parts="$parts part-$i.csv"
    i=$((i + 1))
done
# shellcheck disable=SC2086
cat $parts > cat.csv
cmp cat.csv all.csv || fail "concatenated shards differ from the unsharded table"
say "$NSHARDS array tasks concatenate to the whole table ($(wc -l < all.csv) lines)"
