/* auth.c: accounts, argon2id passwords and sessions (see auth.h). */
#include "app/auth.h"

#include <errno.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>
#include <sodium.h>

#include "app/scope.h"
#include "app/users.h"
#include "core/date.h"
#include "core/text.h"
#include "store/db.h"
#include "store/store_audit.h"
#include "store/store_users.h"
#include "util/clock.h"

#define HASH_CONCURRENCY 2 /* argon2id runs at once, process-wide */
#define THROTTLE_SLOTS   4096
#define TOKEN_BYTES      32
#define TOKEN_HASH_HEX   (crypto_generichash_BYTES * 2 + 1)

static pthread_once_t init_once = PTHREAD_ONCE_INIT;
static int init_ok;
static sem_t hash_sem;

/* A hash of a random password, verified when the user is unknown so that
 * a wrong username costs the same time as a wrong password. */
static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;
static char dummy_hash[crypto_pwhash_STRBYTES];

/* Failed-login counts per username, in a fixed table indexed by a keyed
 * hash (SipHash with a random key, so nobody can aim two names at one
 * slot). A collision only ever restarts a count: the table never grows. */
struct throttle_slot {
    uint64_t key; /* 0: empty */
    time_t start; /* monotonic seconds of the first failure in the window */
    unsigned fails;
};

static struct throttle_slot throttle[THROTTLE_SLOTS];
static pthread_mutex_t throttle_lock = PTHREAD_MUTEX_INITIALIZER;
static unsigned char throttle_key[crypto_shorthash_KEYBYTES];
/* Failed logins allowed per address (0: no limit). Set before serving. */
static unsigned addr_limit = APP_AUTH_ADDR_FAILS_MAX;

/* The key of the CSRF derivation (auth.h). Public: it separates the CSRF
 * token from every other hash of the session token; the secret is the
 * session token itself. 31 bytes (crypto_generichash wants 16..64). */
static const unsigned char csrf_key[] = "ansinh session -> csrf token v1";

_Static_assert(sizeof csrf_key - 1 >= crypto_generichash_KEYBYTES_MIN,
               "CSRF key too short for crypto_generichash");
_Static_assert(APP_AUTH_HASH_SIZE == crypto_pwhash_STRBYTES,
               "APP_AUTH_HASH_SIZE must be crypto_pwhash_STRBYTES");

static const char *const roles[] = {
    "admin",
    "commune_officer",
    "commune_chairman",
    "district_officer",
    "district_chairman",
    "province_officer",
    "supervisor",
    "auditor",
    "provider",
};

static void do_init(void)
{
    if (sodium_init() < 0)
        return;
    if (sem_init(&hash_sem, 0, HASH_CONCURRENCY) != 0)
        return;
    randombytes_buf(throttle_key, sizeof throttle_key);
    init_ok = 1;
}

int app_auth_init(void)
{
    pthread_once(&init_once, do_init);
    return init_ok ? APP_AUTH_OK : APP_AUTH_EINTERNAL;
}

static void hash_enter(void)
{
    while (sem_wait(&hash_sem) != 0 && errno == EINTR)
        ;
}

static void hash_leave(void)
{
    sem_post(&hash_sem);
}

/* argon2id of password into out, under the semaphore. 0 or -1 (OOM). */
static int password_hash(const char *password, char out[crypto_pwhash_STRBYTES])
{
    int rc;

    hash_enter();
    rc = crypto_pwhash_str(out, password, strlen(password),
                           crypto_pwhash_OPSLIMIT_INTERACTIVE,
                           crypto_pwhash_MEMLIMIT_INTERACTIVE);
    hash_leave();
    return rc == 0 ? 0 : -1;
}

/* 1 if password matches hash, under the semaphore. */
static int password_verify(const char *hash, const char *password)
{
    int rc;

    hash_enter();
    rc = crypto_pwhash_str_verify(hash, password, strlen(password));
    hash_leave();
    return rc == 0;
}

static void make_dummy(void)
{
    unsigned char raw[16];
    char pw[sizeof raw * 2 + 1];

    randombytes_buf(raw, sizeof raw);
    sodium_bin2hex(pw, sizeof pw, raw, sizeof raw);
    if (password_hash(pw, dummy_hash) != 0)
        dummy_hash[0] = '\0';
}

static int normalise_username(const char *in, char out[65]);

static time_t mono_seconds(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec;
}

static struct throttle_slot *throttle_slot_of(const char *name, uint64_t *key)
{
    unsigned char h[crypto_shorthash_BYTES];

    crypto_shorthash(h, (const unsigned char *)name, strlen(name),
                     throttle_key);
    memcpy(key, h, sizeof *key);
    *key |= 1; /* never 0, the empty mark */
    return &throttle[*key % THROTTLE_SLOTS];
}

/* Seconds until name may try again after `limit` failures; 0 when it may
 * now. */
static unsigned throttle_left(const char *name, unsigned limit)
{
    uint64_t key;
    struct throttle_slot *sl = throttle_slot_of(name, &key);
    time_t now = mono_seconds();
    unsigned left = 0;

    if (limit == 0)
        return 0;
    pthread_mutex_lock(&throttle_lock);
    if (sl->key == key && sl->fails >= limit &&
        now - sl->start < APP_AUTH_FAILS_WINDOW)
        left = (unsigned)(APP_AUTH_FAILS_WINDOW - (now - sl->start));
    pthread_mutex_unlock(&throttle_lock);
    return left;
}

static void throttle_fail(const char *name)
{
    uint64_t key;
    struct throttle_slot *sl = throttle_slot_of(name, &key);
    time_t now = mono_seconds();

    pthread_mutex_lock(&throttle_lock);
    if (sl->key != key || now - sl->start >= APP_AUTH_FAILS_WINDOW) {
        sl->key = key;
        sl->start = now;
        sl->fails = 0;
    }
    sl->fails++;
    pthread_mutex_unlock(&throttle_lock);
}

static void throttle_clear(const char *name)
{
    uint64_t key;
    struct throttle_slot *sl = throttle_slot_of(name, &key);

    pthread_mutex_lock(&throttle_lock);
    if (sl->key == key)
        memset(sl, 0, sizeof *sl);
    pthread_mutex_unlock(&throttle_lock);
}

/* The name a login attempt is counted under: the normalised username, or
 * the raw text (capped) when it is not a valid one. */
static void throttle_name(const char *username, int valid,
                          const char *normalised, char out[65])
{
    size_t n;

    if (valid) {
        memcpy(out, normalised, strlen(normalised) + 1);
        return;
    }
    n = strnlen(username ? username : "", 64);
    if (n > 0)
        memcpy(out, username, n);
    out[n] = '\0';
}

/* The throttle name of a client address: "@" and the address (a
 * username never contains '@'), capped. 0 when there is none. */
static int addr_name(const char *client, char out[72])
{
    if (client == NULL || client[0] == '\0')
        return 0;
    snprintf(out, 72, "@%.64s", client);
    return 1;
}

void app_auth_set_address_limit(unsigned n)
{
    addr_limit = n;
}

unsigned app_auth_retry_after(const char *username, const char *client)
{
    char uname[65], name[65], addr[72];
    unsigned left, a;
    int valid;

    if (app_auth_init() != 0)
        return 0;
    valid = normalise_username(username ? username : "", uname) == 0;
    throttle_name(username, valid, uname, name);
    left = throttle_left(name, APP_AUTH_FAILS_MAX);
    if (addr_name(client, addr)) {
        a = throttle_left(addr, addr_limit);
        if (a > left)
            left = a;
    }
    return left;
}

static void set_msg(char *msg, size_t msglen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void set_msg(char *msg, size_t msglen, const char *fmt, ...)
{
    va_list ap;

    if (msg == NULL || msglen == 0)
        return;
    va_start(ap, fmt);
    vsnprintf(msg, msglen, fmt, ap);
    va_end(ap);
}

/* 'YYYY-MM-DDTHH:MM:SSZ' for now + offset seconds. */
static void utc_stamp(time_t offset, char out[STORE_USERS_TS_SIZE])
{
    time_t t = time(NULL) + offset;
    struct tm tm;

    gmtime_r(&t, &tm);
    strftime(out, STORE_USERS_TS_SIZE, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

int app_auth_role_valid(const char *role)
{
    size_t i;

    if (role == NULL)
        return 0;
    for (i = 0; i < sizeof roles / sizeof roles[0]; i++) {
        if (strcmp(roles[i], role) == 0)
            return 1;
    }
    return 0;
}

int app_auth_username(const char *in, char out[65])
{
    return normalise_username(in, out) == 0 ? APP_AUTH_OK : APP_AUTH_EINVAL;
}

/* Lower-case username into out (cap 65) if it is 3..64 of [a-z0-9._-]
 * starting with a letter or digit. Returns 0 or -1. */
static int normalise_username(const char *in, char out[65])
{
    size_t i, n = in ? strlen(in) : 0;

    if (n < 3 || n > 64)
        return -1;
    for (i = 0; i < n; i++) {
        char c = in[i];

        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
              (i > 0 && (c == '.' || c == '_' || c == '-'))))
            return -1;
        out[i] = c;
    }
    out[n] = '\0';
    return 0;
}

static int all_digits(const char *s, size_t n)
{
    size_t i;

    if (strlen(s) != n)
        return 0;
    for (i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return 0;
    }
    return 1;
}

int app_auth_area_check(const char *role, const char *area, char *msg,
                        size_t msglen)
{
    size_t need = 0;

    if (area == NULL)
        area = "";
    if (strncmp(role, "commune_", 8) == 0)
        need = 5;
    else if (strncmp(role, "district_", 9) == 0)
        need = 3;
    else if (strcmp(role, "province_officer") == 0)
        need = 2;
    if (need == 0) {
        if (area[0] == '\0' || all_digits(area, 2) || all_digits(area, 3) ||
            all_digits(area, 5))
            return APP_AUTH_OK;
        set_msg(msg, msglen,
                "Mã địa bàn \"%.16s\" không hợp lệ (2, 3 hoặc 5 chữ số).",
                area);
        return APP_AUTH_EINVAL;
    }
    if (all_digits(area, need))
        return APP_AUTH_OK;
    set_msg(msg, msglen,
            "Vai trò %s cần mã địa bàn gồm %zu chữ số (nhận được \"%.16s\").",
            role, need, area);
    return APP_AUTH_EINVAL;
}

int app_auth_password_hash(const char *password, char out[APP_AUTH_HASH_SIZE],
                           char *msg, size_t msglen)
{
    size_t pw_len = password ? strlen(password) : 0;

    out[0] = '\0';
    if (app_auth_init() != 0) {
        set_msg(msg, msglen, "Không khởi tạo được thư viện mã hoá.");
        return APP_AUTH_EINTERNAL;
    }
    if (pw_len > APP_AUTH_PASSWORD_MAX || !text_valid_utf8(password, pw_len) ||
        text_char_count(password, pw_len) < APP_AUTH_PASSWORD_MIN) {
        set_msg(msg, msglen, "Mật khẩu phải có từ %d ký tự (tối đa %d byte).",
                APP_AUTH_PASSWORD_MIN, APP_AUTH_PASSWORD_MAX);
        return APP_AUTH_EINVAL;
    }
    if (password_hash(password, out) != 0) {
        set_msg(msg, msglen, "Không băm được mật khẩu (thiếu bộ nhớ).");
        return APP_AUTH_EINTERNAL;
    }
    return APP_AUTH_OK;
}

int app_user_create(struct db *db, const char *username, const char *full_name,
                    const char *password, const char *role,
                    const char *area_code, char *msg, size_t msglen)
{
    struct app_users_new in;
    struct app_users_err err;
    int rc;

    memset(&in, 0, sizeof in);
    in.username = username;
    in.full_name = full_name;
    in.password = password;
    in.role = role;
    in.area_code = area_code;
    rc = app_users_create(db, "system", &in, NULL, &err);
    set_msg(msg, msglen, "%s", rc == 0 ? "" : err.msg);
    /* This function's codes are auth.h's (callers test APP_AUTH_EEXISTS). */
    if (rc == APP_USERS_EINVAL)
        return APP_AUTH_EINVAL;
    if (rc == APP_USERS_EEXISTS)
        return APP_AUTH_EEXISTS;
    if (rc == APP_USERS_EINTERNAL)
        return APP_AUTH_EINTERNAL;
    return rc;
}

/* The audit area path of an account's area ("" for none, or when the
 * unit is unknown: the record is then visible to national readers only).
 */
static void user_area_path(struct db *db, const char *area,
                           char out[APP_SCOPE_PATH_SIZE])
{
    char today[11];

    out[0] = '\0';
    if (area == NULL || area[0] == '\0')
        return;
    date_format_iso(clock_today_vn(), today);
    if (app_scope_path(db, area, today, out) != 0)
        out[0] = '\0';
}

/* Hex BLAKE2b of the token. */
static void token_hash(const char *token, char out[TOKEN_HASH_HEX])
{
    unsigned char h[crypto_generichash_BYTES];

    crypto_generichash(h, sizeof h, (const unsigned char *)token, strlen(token),
                       NULL, 0);
    sodium_bin2hex(out, TOKEN_HASH_HEX, h, sizeof h);
}

/* 1 if token has the shape of one of ours (43 base64url characters). */
static int token_shape_ok(const char *token)
{
    size_t i;

    if (token == NULL ||
        strnlen(token, APP_AUTH_TOKEN_LEN + 1) != APP_AUTH_TOKEN_LEN)
        return 0;
    for (i = 0; i < APP_AUTH_TOKEN_LEN; i++) {
        char c = token[i];

        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
              (c >= '0' && c <= '9') || c == '-' || c == '_'))
            return 0;
    }
    return 1;
}

static void user_from_store(const struct store_user *su, struct app_user *u)
{
    memset(u, 0, sizeof *u);
    u->id = su->id;
    memcpy(u->username, su->username, sizeof u->username);
    memcpy(u->full_name, su->full_name, sizeof u->full_name);
    memcpy(u->role, su->role, sizeof u->role);
    memcpy(u->area_code, su->area_code, sizeof u->area_code);
}

/* Append a session record about account su (login, logout). */
static int session_audit(struct db *db, const struct store_user *su,
                         const char *action, const char *area_path,
                         const char *client)
{
    struct store_audit_rec r;
    char id[24];
    json_t *d = json_object();
    char *detail;
    int rc;

    if (client != NULL && client[0] != '\0')
        json_object_set_new(d, "client", json_string(client));
    detail = json_dumps(d, JSON_COMPACT | JSON_SORT_KEYS);
    json_decref(d);
    snprintf(id, sizeof id, "%lld", (long long)su->id);
    memset(&r, 0, sizeof r);
    r.actor = su->username;
    r.action = action;
    r.entity = "user";
    r.entity_id = id;
    r.area_path = area_path;
    r.detail = detail;
    rc = store_audit_append(db, &r, NULL);
    free(detail);
    return rc;
}

struct login_tx {
    const struct store_user *user;
    const char *hash, *client;
    char now[STORE_USERS_TS_SIZE], expires[STORE_USERS_TS_SIZE];
    char area_path[APP_SCOPE_PATH_SIZE];
};

static int login_fn(struct db *db, void *arg)
{
    struct login_tx *t = arg;
    int rc;

    rc = store_users_session_create(db, t->hash, t->user->id, t->now,
                                    t->expires);
    if (rc != DB_OK)
        return rc;
    return session_audit(db, t->user, "session.login", t->area_path, t->client);
}

int app_auth_login(struct db *db, const char *username, const char *password,
                   const char *client, char token[APP_AUTH_TOKEN_LEN + 1],
                   struct app_user *user)
{
    struct store_user su;
    struct login_tx t;
    unsigned char raw[TOKEN_BYTES];
    char uname[65], name[65], addr[72], hash[TOKEN_HASH_HEX];
    int rc, known, has_addr;

    token[0] = '\0';
    if (app_auth_init() != 0)
        return APP_AUTH_EINTERNAL;
    known = normalise_username(username ? username : "", uname) == 0;
    throttle_name(username, known, uname, name);
    has_addr = addr_name(client, addr);
    if (throttle_left(name, APP_AUTH_FAILS_MAX) > 0 ||
        (has_addr && throttle_left(addr, addr_limit) > 0))
        return APP_AUTH_ETHROTTLED;
    if (password == NULL || strlen(password) > APP_AUTH_PASSWORD_MAX)
        known = 0; /* counted as a failure like any other */
    rc = known ? store_users_find(db, uname, &su) : DB_ENOTFOUND;
    if (rc == DB_ENOTFOUND) {
        pthread_once(&dummy_once, make_dummy);
        if (dummy_hash[0] != '\0' && password != NULL &&
            strlen(password) <= APP_AUTH_PASSWORD_MAX)
            password_verify(dummy_hash, password);
        throttle_fail(name);
        if (has_addr)
            throttle_fail(addr);
        return APP_AUTH_EDENIED;
    }
    if (rc != DB_OK)
        return rc;
    if (!password_verify(su.password_hash, password) || !su.active) {
        throttle_fail(name);
        if (has_addr)
            throttle_fail(addr);
        rc = APP_AUTH_EDENIED;
        goto out;
    }
    throttle_clear(name);
    if (crypto_pwhash_str_needs_rehash(
            su.password_hash, crypto_pwhash_OPSLIMIT_INTERACTIVE,
            crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
        char fresh[crypto_pwhash_STRBYTES];

        /* Best effort: a failure here must not refuse a right password. */
        if (password_hash(password, fresh) == 0)
            store_users_set_password_hash(db, su.id, fresh);
    }
    randombytes_buf(raw, sizeof raw);
    sodium_bin2base64(token, APP_AUTH_TOKEN_LEN + 1, raw, sizeof raw,
                      sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    sodium_memzero(raw, sizeof raw);
    token_hash(token, hash);
    memset(&t, 0, sizeof t);
    t.user = &su;
    t.hash = hash;
    t.client = client;
    user_area_path(db, su.area_code, t.area_path);
    utc_stamp(0, t.now);
    utc_stamp((time_t)APP_AUTH_SESSION_HOURS * 3600, t.expires);
    rc = db_transact(db, login_fn, &t);
    if (rc != DB_OK) {
        token[0] = '\0';
        goto out;
    }
    user_from_store(&su, user);
out:
    sodium_memzero(su.password_hash, sizeof su.password_hash);
    return rc;
}

int app_auth_session(struct db *db, const char *token, struct app_user *user)
{
    struct store_user su;
    char hash[TOKEN_HASH_HEX], expires[STORE_USERS_TS_SIZE];
    char now[STORE_USERS_TS_SIZE];
    int rc;

    if (!token_shape_ok(token) || app_auth_init() != 0)
        return APP_AUTH_ENOSESSION;
    token_hash(token, hash);
    rc = store_users_session_find(db, hash, &su, expires);
    if (rc == DB_ENOTFOUND)
        return APP_AUTH_ENOSESSION;
    if (rc != DB_OK)
        return rc;
    sodium_memzero(su.password_hash, sizeof su.password_hash);
    utc_stamp(0, now);
    if (strcmp(expires, now) <= 0) {
        store_users_session_delete(db, hash); /* tidy; result irrelevant */
        return APP_AUTH_ENOSESSION;
    }
    if (!su.active)
        return APP_AUTH_ENOSESSION;
    user_from_store(&su, user);
    return APP_AUTH_OK;
}

struct logout_tx {
    const char *hash;
};

static int logout_fn(struct db *db, void *arg)
{
    struct logout_tx *t = arg;
    struct store_user su;
    char expires[STORE_USERS_TS_SIZE], path[APP_SCOPE_PATH_SIZE];
    int rc;

    rc = store_users_session_find(db, t->hash, &su, expires);
    if (rc != DB_OK)
        return rc;
    sodium_memzero(su.password_hash, sizeof su.password_hash);
    rc = store_users_session_delete(db, t->hash);
    if (rc != DB_OK)
        return rc;
    user_area_path(db, su.area_code, path);
    return session_audit(db, &su, "session.logout", path, NULL);
}

int app_auth_logout(struct db *db, const char *token)
{
    struct logout_tx t;
    char hash[TOKEN_HASH_HEX];
    int rc;

    if (!token_shape_ok(token) || app_auth_init() != 0)
        return APP_AUTH_ENOSESSION;
    token_hash(token, hash);
    t.hash = hash;
    rc = db_transact(db, logout_fn, &t);
    return rc == DB_ENOTFOUND ? APP_AUTH_ENOSESSION : rc;
}

int app_auth_csrf_token(const char *token, char out[APP_AUTH_CSRF_LEN + 1])
{
    unsigned char h[32];

    out[0] = '\0';
    if (!token_shape_ok(token) || app_auth_init() != 0)
        return APP_AUTH_ENOSESSION;
    crypto_generichash(h, sizeof h, (const unsigned char *)token,
                       APP_AUTH_TOKEN_LEN, csrf_key, sizeof csrf_key - 1);
    sodium_bin2base64(out, APP_AUTH_CSRF_LEN + 1, h, sizeof h,
                      sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    sodium_memzero(h, sizeof h);
    return APP_AUTH_OK;
}

int app_auth_csrf_ok(const char *token, const char *sent)
{
    char want[APP_AUTH_CSRF_LEN + 1];
    int ok;

    if (sent == NULL ||
        strnlen(sent, APP_AUTH_CSRF_LEN + 1) != APP_AUTH_CSRF_LEN ||
        app_auth_csrf_token(token, want) != APP_AUTH_OK)
        return 0;
    ok = sodium_memcmp(want, sent, APP_AUTH_CSRF_LEN) == 0;
    sodium_memzero(want, sizeof want);
    return ok;
}

int app_auth_expire(struct db *db, int64_t *n)
{
    char now[STORE_USERS_TS_SIZE];

    utc_stamp(0, now);
    return store_users_session_expire(db, now, n);
}

const char *app_auth_strerror(int rc)
{
    switch (rc) {
    case APP_AUTH_OK:
        return "Thành công.";
    case APP_AUTH_EINVAL:
        return "Dữ liệu tài khoản không hợp lệ.";
    case APP_AUTH_EEXISTS:
        return "Tên đăng nhập đã được sử dụng.";
    case APP_AUTH_EDENIED:
        return "Tên đăng nhập hoặc mật khẩu không đúng.";
    case APP_AUTH_ENOSESSION:
        return "Phiên đăng nhập không hợp lệ hoặc đã hết hạn.";
    case APP_AUTH_EINTERNAL:
        return "Lỗi thư viện mã hoá.";
    case APP_AUTH_ETHROTTLED:
        return "Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau.";
    case DB_EBUSY:
        return "Cơ sở dữ liệu đang bận, vui lòng thử lại.";
    default:
        return "Lỗi cơ sở dữ liệu.";
    }
}
