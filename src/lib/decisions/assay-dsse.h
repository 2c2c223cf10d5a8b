/* assay-dsse.h — the DSSE envelope: PAE, signatures, canonical payloads
 *
 * Copyright 2026 The Assay authors
 *
 * This program is free software: you can redistribute it and/or modify
 * it under the terms of the GNU General Public License as published by
 * the Free Software Foundation, either version 3 of the License, or
 * (at your option) any later version.
 *
 * This program is distributed in the hope that it will be useful,
 * but WITHOUT ANY WARRANTY; without even the implied warranty of
 * MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.  See the
 * GNU General Public License for more details.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "assay-key-file.h"

G_BEGIN_DECLS

/* An envelope is refused when its JSON is larger than this (before it is
 * parsed) or when it carries more signatures (assay_quorum_verify ()): a
 * verifier's work is bounded whatever a sender puts in. */
#define ASSAY_DSSE_MAX_ENVELOPE_SIZE (64 * 1024)
#define ASSAY_DSSE_MAX_SIGNATURES    16

typedef struct
{
  char   *keyid;   /* a hint only */
  GBytes *sig;
} AssayDsseSignature;

typedef struct
{
  char      *payload_type;
  GBytes    *payload;
  GPtrArray *signatures;   /* of AssayDsseSignature */
} AssayDsseEnvelope;

/* "DSSEv1" SP len(T) SP T SP len(P) SP P, lengths in ASCII decimal. */
GBytes            *assay_dsse_pae                 (const char        *payload_type,
                                                   GBytes            *payload);

AssayDsseEnvelope *assay_dsse_envelope_new        (const char        *payload_type,
                                                   GBytes            *payload);
void               assay_dsse_envelope_free       (AssayDsseEnvelope *envelope);

/* Adds a detached Ed25519 signature over the PAE, with the key id. */
void               assay_dsse_envelope_sign       (AssayDsseEnvelope *envelope,
                                                   AssayKeyFile      *key);

/* A new envelope of @payload signed by each of @keys in turn. */
AssayDsseEnvelope *assay_dsse_envelope_new_signed (const char        *payload_type,
                                                   GBytes            *payload,
                                                   AssayKeyFile *const *keys,
                                                   guint              n_keys);

/* {payloadType, payload (base64), signatures [{keyid, sig (base64)}]}.
 * JSON longer than ASSAY_DSSE_MAX_ENVELOPE_SIZE is refused unparsed. */
char              *assay_dsse_envelope_to_json    (AssayDsseEnvelope *envelope);
AssayDsseEnvelope *assay_dsse_envelope_new_from_json (const char     *json,
                                                   gssize             length,
                                                   GError           **error);

/* Whether signature @index verifies against @public_key; the keyid is not
 * consulted.  ASSAY_ERROR_VERIFICATION when it does not. */
gboolean           assay_dsse_envelope_verify     (AssayDsseEnvelope *envelope,
                                                   guint              index,
                                                   const guint8       public_key[ASSAY_KEY_PUBLIC_KEY_SIZE],
                                                   GError           **error);

/* Whether @payload is a JSON object in canonical form: sorted keys (UTF-16
 * order), no insignificant whitespace, integers only (|n| < 2^53), RFC 8785
 * string escaping, no duplicate keys (nor a key holding \u0000).  The
 * payload is parsed, re-encoded and compared byte for byte.
 * ASSAY_ERROR_INVALID_DATA when it is not. */
gboolean           assay_dsse_check_canonical     (GBytes            *payload,
                                                   GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AssayDsseEnvelope, assay_dsse_envelope_free)

G_END_DECLS
