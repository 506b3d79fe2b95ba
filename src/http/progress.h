/* progress.h: how far the long requests of this process have got, for
 * GET /api/v1/jobs/:id (docs/http.md, "Long jobs").
 *
 * A long request (preparing a payroll) stays synchronous; its client names
 * it with a token of its own choosing in the request header X-Job-Id, and
 * polls the job by that token on another connection while it runs. The
 * registry is a fixed table of HPROGRESS_CAP entries in memory, keyed by
 * (user id, token), behind one mutex: when it is full, registering a job
 * evicts the one registered longest ago (running or not). Nothing is
 * stored in the database, and a restart forgets every job.
 */
#ifndef ANSINH_HTTP_PROGRESS_H
#define ANSINH_HTTP_PROGRESS_H

#include <stdint.h>

#define HPROGRESS_CAP    256
#define HPROGRESS_ID_MAX 40 /* characters of a job token */

enum hprogress_rc {
    HPROGRESS_OK = 0,
    HPROGRESS_EINVAL = -1,   /* not a valid job token */
    HPROGRESS_ENOTFOUND = -2 /* no such job of that user */
};

enum hprogress_state {
    HPROGRESS_RUNNING = 0,
    HPROGRESS_DONE,
    HPROGRESS_FAILED
};

/* One job as read by hprogress_get (a copy). Times are UTC
 * 'YYYY-MM-DDTHH:MM:SSZ'. */
struct hprogress_job {
    int64_t user_id;
    char id[HPROGRESS_ID_MAX + 1];
    enum hprogress_state state;
    int64_t done, total;
    char started_at[21], updated_at[21];
};

/* 1 when id is a job token: 1 to HPROGRESS_ID_MAX characters of
 * [A-Za-z0-9_-]; else 0 (also for NULL). */
int hprogress_id_valid(const char *id);

/* Register job id of user_id as running with 0 of 0 done, replacing a job
 * of the same key, else taking a free entry, else evicting the entry
 * registered longest ago. Returns HPROGRESS_OK or HPROGRESS_EINVAL (id not
 * valid: nothing registered). Thread-safe. */
int hprogress_start(int64_t user_id, const char *id);

/* Set done of total of the running job (user_id, id); nothing when it is
 * unknown (evicted) or no longer running. Thread-safe. */
void hprogress_update(int64_t user_id, const char *id, int64_t done,
                      int64_t total);

/* Mark the running job (user_id, id) done (ok != 0) or failed; nothing
 * when it is unknown or no longer running. Thread-safe. */
void hprogress_finish(int64_t user_id, const char *id, int ok);

/* Copy job (user_id, id) into *out. Returns HPROGRESS_OK, or
 * HPROGRESS_ENOTFOUND when user_id has no such job (another user's job is
 * not found either). Thread-safe. */
int hprogress_get(int64_t user_id, const char *id, struct hprogress_job *out);

/* Forget every job (tests). Thread-safe. */
void hprogress_reset(void);

#endif
