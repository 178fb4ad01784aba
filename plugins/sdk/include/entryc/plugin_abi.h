/* The entryc plugin boundary: plain C, versioned, append-only.
 *
 * A plugin is a shared library exporting one function,
 *
 *     const entryc_plugin* entryc_plugin_entry(uint32_t host_abi_version);
 *
 * which returns a descriptor that lives as long as the library. Only C
 * scalars, (pointer, length) strings and opaque handles cross the boundary;
 * no C++ types, no exceptions. Structs start with their own size so that
 * either side can tell which (appended) fields the other knows about.
 *
 * ABI history:
 *   1  first version: rule plugins (check one decoded entry).
 *   2  backend plugins: open, snapshot, apply, request, commit, close appended
 *      to entryc_plugin. Rule plugins built for version 1 still load.
 *      Later, appended to entryc_document: `skip` (a plugin that predates it
 *      sees a smaller struct_size and runs every rule, as before).
 *   3  entryc_document.root: the document as a tree of entryc_node, read in
 *      place. The host sets it (and may leave `json` empty) only for rule
 *      plugins of version 3 or later; older ones get the JSON text, as before.
 */
#ifndef ENTRYC_PLUGIN_ABI_H
#define ENTRYC_PLUGIN_ABI_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define ENTRYC_PLUGIN_ABI_VERSION 3u
/* The oldest version this header's host still loads (rule plugins). */
#define ENTRYC_PLUGIN_ABI_OLDEST 1u
#define ENTRYC_PLUGIN_ENTRY_SYMBOL "entryc_plugin_entry"
/* Exported (as an empty function) by backend plugins next to the entry
 * point, so that a command which needs no backend (lint) can skip them
 * without loading them. Optional: a backend without it is loaded and
 * recognized by its descriptor. */
#define ENTRYC_BACKEND_MARKER_SYMBOL "entryc_plugin_is_backend"
/* Optional, exported by rules plugins next to the entry point: a NUL-terminated
 * char array, "kinds K1 K2...\nrules R1 R2...\n", naming the document kinds
 * its rules check and its rule ids. A host that needs only some kinds (lint)
 * reads it from the file and loads the plugin only when a document of one of
 * those kinds comes up. ENTRYC_RULES_PLUGIN writes it; a plugin without it is
 * always loaded. */
#define ENTRYC_PLUGIN_MANIFEST_SYMBOL "entryc_plugin_manifest"

#if defined(__GNUC__)
#define ENTRYC_PLUGIN_EXPORT __attribute__((visibility("default")))
#else
#define ENTRYC_PLUGIN_EXPORT
#endif

/* A string that is not necessarily NUL-terminated. */
typedef struct entryc_str {
  const char* ptr;
  size_t len;
} entryc_str;

typedef enum entryc_severity {
  ENTRYC_SEVERITY_NOTE = 0,
  ENTRYC_SEVERITY_WARNING = 1,
  ENTRYC_SEVERITY_ERROR = 2
} entryc_severity;

typedef enum entryc_plugin_kind {
  ENTRYC_PLUGIN_RULES = 1,   /* checks documents */
  ENTRYC_PLUGIN_BACKEND = 2  /* applies plans (ABI >= 2) */
} entryc_plugin_kind;

/* Which part of the located value a diagnostic points at. */
typedef enum entryc_target {
  ENTRYC_TARGET_VALUE = 0,  /* the value (default) */
  ENTRYC_TARGET_KEY = 1,    /* the key the value is stored under */
  ENTRYC_TARGET_ENTRY = 2   /* key and value */
} entryc_target;

typedef struct entryc_rule_info {
  uint32_t struct_size;
  entryc_str id;          /* stable, kebab-case: "exports-wildcard-peer" */
  entryc_str summary;     /* one line */
  int32_t severity;       /* entryc_severity when the rule fires */
  entryc_str preset;      /* "recommended" (on by default) or "all" */
  entryc_str kinds;       /* space-separated document kinds it checks */
  entryc_str doc;         /* Markdown: summary, example, why, how to fix */
} entryc_rule_info;

/* One diagnostic, reported by path. Paths name a value in the document the
 * plugin was given: `Services[0].Consumers[1].Peer`; a key that is not a
 * plain identifier is written ["quoted"]: `service[0]["a.b"][0].policy`.
 * The host maps the path to a source range. */
typedef struct entryc_report {
  uint32_t struct_size;
  entryc_str rule_id;      /* one of the plugin's rules */
  int32_t severity;        /* -1: the rule's own severity */
  entryc_str path;
  int32_t target;          /* entryc_target */
  entryc_str summary;      /* lowercase, no final period */
  entryc_str detail;       /* 1-3 sentences */
  entryc_str consul_text;  /* Consul's exact message, if Consul reports this */
  entryc_str note;         /* an optional extra note */
  entryc_str note_path;    /* where the note points (may be empty) */
} entryc_report;

/* Functions the host offers the plugin (append-only). */
typedef struct entryc_host {
  uint32_t struct_size;
  uint32_t abi_version;
  void (*report)(void* ctx, const entryc_report* report);
} entryc_host;

/* A JSON value in a tree (ABI 3): what the document's JSON text would
 * parse to, as nlohmann::json reads it. Objects have no repeated keys and
 * keep their members in order; numbers keep the text they are written as.
 * Every pointer stays valid for the duration of the call that hands it over. */
typedef enum entryc_node_type {
  ENTRYC_NODE_NULL = 0,
  ENTRYC_NODE_BOOLEAN = 1,
  ENTRYC_NODE_INTEGER = 2,  /* a negative integer that fits int64: number.i */
  ENTRYC_NODE_UNSIGNED = 3, /* a non-negative integer that fits uint64: number.u */
  ENTRYC_NODE_FLOAT = 4,    /* any other number: number.d */
  ENTRYC_NODE_STRING = 5,
  ENTRYC_NODE_ARRAY = 6,
  ENTRYC_NODE_OBJECT = 7
} entryc_node_type;

typedef struct entryc_node {
  uint8_t type;                    /* entryc_node_type */
  uint8_t boolean;                 /* BOOLEAN: 0 or 1 */
  uint32_t size;                   /* ARRAY: elements; OBJECT: members */
  entryc_str text;                 /* STRING: the string (UTF-8); numbers: as written */
  const struct entryc_node* items; /* ARRAY: the elements; OBJECT: the members' values */
  const entryc_str* keys;          /* OBJECT: the members' keys, parallel to items */
  union {
    int64_t i;
    uint64_t u;
    double d;
  } number;
} entryc_node;

/* One document to check. */
typedef struct entryc_document {
  uint32_t struct_size;
  entryc_str kind;      /* "exported-services", "service-intentions", "acl-rules", ... */
  entryc_str json;      /* the document, decoded the way Consul decodes it, as JSON */
  entryc_str edition;   /* "ce" or "ent" */
  entryc_str name;      /* the file name, for messages only */
  entryc_str options;   /* JSON object of options, e.g. {"mode":"legacy"}; may be empty */
  entryc_str skip;      /* space-separated ids of rules whose reports the host will drop
                           (turned off by the user's configuration): the plugin need not
                           run them. Present when struct_size covers it. */
  const entryc_node* root; /* ABI 3: the document as a tree, or NULL (then read `json`,
                              which may be empty when this is set). Present when
                              struct_size covers it. */
} entryc_document;

/* A backend's session, opaque to the host. */
typedef struct entryc_backend entryc_backend;

/* Backend results (return values of the backend functions). */
typedef enum entryc_backend_status {
  ENTRYC_BACKEND_OK = 0,        /* done; `out` holds the result */
  ENTRYC_BACKEND_REJECTED = 1,  /* the target refused the request; `out` holds {"status", "error"} */
  ENTRYC_BACKEND_FAILED = 2     /* the backend itself failed; `error` says why */
} entryc_backend_status;

typedef struct entryc_plugin {
  uint32_t struct_size;
  uint32_t abi_version;  /* ENTRYC_PLUGIN_ABI_VERSION the plugin was built with */
  entryc_str name;
  entryc_str version;
  int32_t kind;          /* entryc_plugin_kind */
  const entryc_rule_info* rules;
  size_t rule_count;
  /* Checks a document; returns 0, or non-zero when the plugin itself failed
   * (then `error` describes it; the host reports core-plugin-failure). */
  int (*check)(const entryc_host* host, void* host_ctx, const entryc_document* doc, entryc_str* error);
  /* Optional (may be NULL): Consul's Normalize() for the document's kind.
   * Returns 0 and sets `out` to the normalized document as JSON; 1 when the
   * kind is not one this plugin normalizes; 2 when normalizing fails the way
   * Consul's does (then `error` holds Consul's message); 3 when the plugin
   * itself failed (`error` describes it). Strings stay valid until the next
   * call on the same thread. */
  int (*normalize)(const entryc_document* doc, entryc_str* out, entryc_str* error);

  /* ---- ABI 2: backends (kind ENTRYC_PLUGIN_BACKEND; NULL in rule plugins).
   * Every request and result is JSON text (docs/backends.md). Strings the
   * backend returns stay valid until the next call on the same session.
   * Secrets (peering tokens) travel only in `apply` results and bodies. */
  /* Opens a session. `config`: {"project": <project document>, "state":
   * "<path>", "write": bool, ...backend options}. NULL on failure (`error`). */
  entryc_backend* (*open)(const entryc_host* host, void* host_ctx, entryc_str config, entryc_str* error);
  /* What the targets hold now, as a plan state snapshot (docs/plan-format.md). */
  int (*snapshot)(entryc_backend* b, entryc_str* out, entryc_str* error);
  /* Applies one plan operation whose references are resolved; `out`:
   * {"status": <http status>, "outputs": {...}} or, rejected, {"status", "error"}. */
  int (*apply)(entryc_backend* b, entryc_str op, entryc_str* out, entryc_str* error);
  /* Any other question or command: {"request": "<name>", ...} → JSON. */
  int (*request)(entryc_backend* b, entryc_str req, entryc_str* out, entryc_str* error);
  /* Makes everything applied so far durable. */
  int (*commit)(entryc_backend* b, entryc_str* error);
  /* Ends the session (releases locks); never fails. */
  void (*close)(entryc_backend* b);
} entryc_plugin;

typedef const entryc_plugin* (*entryc_plugin_entry_fn)(uint32_t host_abi_version);

#ifdef __cplusplus
}
#endif

#endif /* ENTRYC_PLUGIN_ABI_H */
