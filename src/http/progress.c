/* progress.c: the in-memory registry of long jobs (progress.h).
 *
 * A linear scan of HPROGRESS_CAP entries under one mutex: a poll a second
 * per running job and an update per chunk of persons cost nothing next
 * to the work being measured, and a fixed table cannot grow with what
 * clients send.
 */
#include <pthread.h>
#include <string.h>

#include "http/progress.h"
#include "util/clock.h"

struct entry {
    uint64_t seq; /* registration order; 0: free */
    struct hprogress_job job;
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct entry table[HPROGRESS_CAP];
static uint64_t next_seq = 1;

int hprogress_id_valid(const char *id)
{
    size_t n;

    if (id == NULL)
        return 0;
    n = strspn(id, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                   "0123456789_-");
    return n >= 1 && n <= HPROGRESS_ID_MAX && id[n] == '\0';
}

/* The entry of (user_id, id), or NULL. Called with lock held. */
static struct entry *find(int64_t user_id, const char *id)
{
    size_t i;

    for (i = 0; i < HPROGRESS_CAP; i++)
        if (table[i].seq != 0 && table[i].job.user_id == user_id &&
            strcmp(table[i].job.id, id) == 0)
            return &table[i];
    return NULL;
}

/* A free entry, else the one registered longest ago. Called with lock
 * held. */
static struct entry *slot(void)
{
    struct entry *oldest = &table[0];
    size_t i;

    for (i = 0; i < HPROGRESS_CAP; i++) {
        if (table[i].seq == 0)
            return &table[i];
        if (table[i].seq < oldest->seq)
            oldest = &table[i];
    }
    return oldest;
}

int hprogress_start(int64_t user_id, const char *id)
{
    struct entry *e;

    if (!hprogress_id_valid(id))
        return HPROGRESS_EINVAL;
    pthread_mutex_lock(&lock);
    e = find(user_id, id);
    if (e == NULL)
        e = slot();
    memset(e, 0, sizeof *e);
    e->seq = next_seq++;
    e->job.user_id = user_id;
    memcpy(e->job.id, id, strlen(id) + 1);
    e->job.state = HPROGRESS_RUNNING;
    clock_now_utc(e->job.started_at);
    memcpy(e->job.updated_at, e->job.started_at, sizeof e->job.updated_at);
    pthread_mutex_unlock(&lock);
    return HPROGRESS_OK;
}

/* Move the running job (user_id, id) to state, with done of total when
 * counts is set; nothing when it is unknown or no longer running. */
static void advance(int64_t user_id, const char *id, enum hprogress_state state,
                    int counts, int64_t done, int64_t total)
{
    struct entry *e;

    if (!hprogress_id_valid(id))
        return;
    pthread_mutex_lock(&lock);
    e = find(user_id, id);
    if (e != NULL && e->job.state == HPROGRESS_RUNNING) {
        e->job.state = state;
        if (counts) {
            e->job.done = done;
            e->job.total = total;
        }
        clock_now_utc(e->job.updated_at);
    }
    pthread_mutex_unlock(&lock);
}

void hprogress_update(int64_t user_id, const char *id, int64_t done,
                      int64_t total)
{
    advance(user_id, id, HPROGRESS_RUNNING, 1, done, total);
}

void hprogress_finish(int64_t user_id, const char *id, int ok)
{
    advance(user_id, id, ok ? HPROGRESS_DONE : HPROGRESS_FAILED, 0, 0, 0);
}

int hprogress_get(int64_t user_id, const char *id, struct hprogress_job *out)
{
    struct entry *e;
    int rc = HPROGRESS_ENOTFOUND;

    if (!hprogress_id_valid(id))
        return HPROGRESS_ENOTFOUND;
    pthread_mutex_lock(&lock);
    e = find(user_id, id);
    if (e != NULL) {
        *out = e->job;
        rc = HPROGRESS_OK;
    }
    pthread_mutex_unlock(&lock);
    return rc;
}

void hprogress_reset(void)
{
    pthread_mutex_lock(&lock);
    memset(table, 0, sizeof table);
    next_seq = 1;
    pthread_mutex_unlock(&lock);
}
