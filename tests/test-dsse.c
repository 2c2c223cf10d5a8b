/* test-dsse.c — the DSSE envelope and canonical payloads
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

#include "config.h"

#include <sodium.h>
#include <string.h>

#include "assay-canonical-json.h"
#include "assay-dsse.h"
#include "assay-error.h"
#include "assay-key-file.h"
#include "assay-test-util.h"

#define PASS "dsse test"
#define TYPE "application/vnd.assay.decision.v1+json"

static GBytes *
bytes (const char *s)
{
  return g_bytes_new (s, strlen (s));
}

static void
test_pae (void)
{
  g_autoptr(GBytes) hello = bytes ("hello world");
  g_autoptr(GBytes) pae = assay_dsse_pae ("http://example.com/HelloWorld", hello);
  g_autoptr(GBytes) empty = g_bytes_new (NULL, 0);
  g_autoptr(GBytes) pae_empty = assay_dsse_pae ("", empty);
  g_autoptr(GBytes) utf8 = bytes ("\xc3\xa9");
  g_autoptr(GBytes) pae_utf8 = assay_dsse_pae ("t", utf8);
  const char *spec = "DSSEv1 29 http://example.com/HelloWorld 11 hello world";
  gsize len;
  const char *data;

  /* The DSSE specification's example (protocol.md). */
  data = g_bytes_get_data (pae, &len);
  g_assert_cmpmem (data, len, spec, strlen (spec));
  data = g_bytes_get_data (pae_empty, &len);
  g_assert_cmpmem (data, len, "DSSEv1 0  0 ", 12);
  /* Lengths count bytes. */
  data = g_bytes_get_data (pae_utf8, &len);
  g_assert_cmpmem (data, len, "DSSEv1 1 t 2 \xc3\xa9", 15);
}

static void
test_sign_verify (void)
{
  g_autofree char *dir = assay_test_mkdtemp ();
  g_autofree char *path = g_build_filename (dir, "k.key", NULL);
  g_autofree char *other_path = g_build_filename (dir, "other.key", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(AssayKeyFile) key = NULL;
  g_autoptr(AssayKeyFile) other = NULL;
  g_autoptr(GBytes) payload = bytes ("{\"a\":1,\"b\":\"x\"}");
  g_autoptr(AssayDsseEnvelope) env = NULL;
  g_autoptr(AssayDsseEnvelope) back = NULL;
  g_autofree char *json = NULL;
  g_autofree char *keyid = NULL;
  AssayDsseSignature *sig;
  const guint8 *pk;

  g_assert_true (assay_key_file_create (path, PASS, strlen (PASS), &error));
  g_assert_true (assay_key_file_create (other_path, PASS, strlen (PASS), &error));
  key = assay_key_file_open (path, PASS, strlen (PASS), &error);
  other = assay_key_file_open (other_path, PASS, strlen (PASS), &error);
  g_assert_no_error (error);
  pk = assay_key_file_get_public_key (key);
  keyid = assay_key_id (pk);

  env = assay_dsse_envelope_new (TYPE, payload);
  assay_dsse_envelope_sign (env, key);
  g_assert_cmpuint (env->signatures->len, ==, 1);
  g_assert_true (assay_dsse_envelope_verify (env, 0, pk, &error));
  g_assert_no_error (error);
  g_assert_false (assay_dsse_envelope_verify (env, 0, assay_key_file_get_public_key (other), &error));
  g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_VERIFICATION);
  g_clear_error (&error);

  /* JSON round trip. */
  json = assay_dsse_envelope_to_json (env);
  back = assay_dsse_envelope_new_from_json (json, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (back->payload_type, ==, TYPE);
  g_assert_true (g_bytes_equal (back->payload, payload));
  sig = g_ptr_array_index (back->signatures, 0);
  g_assert_cmpstr (sig->keyid, ==, keyid);
  g_assert_true (assay_dsse_envelope_verify (back, 0, pk, &error));

  /* The keyid is a hint only: a wrong one does not matter. */
  g_free (sig->keyid);
  sig->keyid = g_strdup ("0000");
  g_assert_true (assay_dsse_envelope_verify (back, 0, pk, &error));

  /* A changed payload type. */
  g_free (back->payload_type);
  back->payload_type = g_strdup ("application/vnd.assay.roster.v1+json");
  g_assert_false (assay_dsse_envelope_verify (back, 0, pk, &error));
  g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_VERIFICATION);
  g_clear_error (&error);
  g_free (back->payload_type);
  back->payload_type = g_strdup (TYPE);
  g_assert_true (assay_dsse_envelope_verify (back, 0, pk, &error));

  /* A changed payload. */
  g_bytes_unref (back->payload);
  back->payload = bytes ("{\"a\":2,\"b\":\"x\"}");
  g_assert_false (assay_dsse_envelope_verify (back, 0, pk, &error));
  g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_VERIFICATION);
  g_clear_error (&error);
  g_bytes_unref (back->payload);
  back->payload = g_bytes_ref (payload);

  /* A changed signature, and a short one. */
  {
    gsize len;
    g_autofree guint8 *s = g_memdup2 (g_bytes_get_data (sig->sig, &len), 64);

    s[10] ^= 0x80;
    g_bytes_unref (sig->sig);
    sig->sig = g_bytes_new (s, 64);
    g_assert_false (assay_dsse_envelope_verify (back, 0, pk, &error));
    g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_VERIFICATION);
    g_clear_error (&error);
    g_bytes_unref (sig->sig);
    sig->sig = g_bytes_new (s, 63);
    g_assert_false (assay_dsse_envelope_verify (back, 0, pk, &error));
    g_clear_error (&error);
  }

  assay_test_rmdir (dir);
}

static void
test_envelope_refused (void)
{
  const char *bad[] = {
    "[]",
    "{\"payload\":\"e30=\",\"signatures\":[]}",
    "{\"payloadType\":\"t\",\"payload\":\"e30\",\"signatures\":[]}",
    "{\"payloadType\":\"t\",\"payload\":\"e30=\"}",
    "{\"payloadType\":\"t\",\"payload\":\"e30=\",\"signatures\":[1]}",
    "{\"payloadType\":\"t\",\"payload\":\"e30=\",\"signatures\":[{\"keyid\":\"x\"}]}",
    "{\"payloadType\":\"t\",\"payload\":\"e30=\",\"signatures\":[{\"sig\":\"!!!!\"}]}",
    "not json",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(AssayDsseEnvelope) env = assay_dsse_envelope_new_from_json (bad[i], -1, &error);

      g_test_message ("%s", bad[i]);
      g_assert_null (env);
      g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_DATA);
    }
}

static void
test_canonical (void)
{
  const char *good[] = {
    "{}",
    "{\"a\":1}",
    "{\"a\":[1,-2,0,true,false,null,\"\"],\"b\":{\"c\":{}}}",
    "{\"\":0,\"a\":1,\"aa\":2,\"b\":3}",
    "{\"s\":\"tab\\there \\\"quoted\\\" back\\\\slash \\u001f \\n\"}",
    "{\"s\":\"caf\xc3\xa9 / \x7f\"}",
    /* UTF-16 order: U+FB01 (one unit) sorts after U+1F600 (surrogates, 0xD83D). */
    "{\"\xf0\x9f\x98\x80\":1,\"\xef\xac\x81\":2}",
    "{\"m\":-9007199254740991,\"n\":9007199254740991}",
    "{\"z\":\"a\\u0000b\"}",                 /* NUL is escaped, and kept */
  };
  const char *bad[] = {
    "{\"b\":1,\"a\":2}",                /* unsorted */
    "{\"a\":1,\"a\":1}",                /* duplicate */
    "{\"a\":1,\"a\":2}",
    "{ \"a\":1}",                       /* whitespace */
    "{\"a\": 1}",
    "{\"a\":1}\n",
    "{\"a\":1.0}",                      /* not an integer */
    "{\"a\":1e3}",
    "{\"a\":-0}",
    "{\"a\":01}",
    "{\"a\":9007199254740992}",         /* beyond 2^53 - 1 */
    "{\"a\":\"\\u0041\"}",              /* needless escape */
    "{\"a\":\"\\/\"}",
    "{\"a\":\"\\u001F\"}",              /* upper-case hex */
    "{\"a\":\"\\u0009\"}",              /* \t has a short form */
    "{\"a\":\"\t\"}",                   /* raw control character */
    "{\"a\":\"\\ud800\"}",              /* lone surrogate */
    "{\"a\":\"\xff\"}",                 /* not UTF-8 */
    "{\"a\":\"\xc3\"}",                 /* a cut UTF-8 sequence */
    "{\"a\":\"\\u0000\",\"a\":\"\\u0000\"}",
    "{\"a\":1",
    "{\"a\":1}{}",
    "[1]",                              /* not an object */
    "",
    "{\"a\":tru}",
    "{\"\xef\xac\x81\":2,\"\xf0\x9f\x98\x80\":1}",   /* code point order, not UTF-16 */
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GBytes) b = bytes (good[i]);
      g_autoptr(GError) error = NULL;

      g_test_message ("good: %s", good[i]);
      g_assert_true (assay_dsse_check_canonical (b, &error));
      g_assert_no_error (error);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GBytes) b = bytes (bad[i]);
      g_autoptr(GError) error = NULL;

      g_test_message ("bad: %s", bad[i]);
      g_assert_false (assay_dsse_check_canonical (b, &error));
      g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_DATA);
    }
  /* Deep nesting is refused, not a stack overflow. */
  {
    g_autoptr(GString) deep = g_string_new ("{\"a\":");
    g_autoptr(GBytes) b = NULL;
    g_autoptr(GError) error = NULL;

    for (int i = 0; i < 10000; i++)
      g_string_append_c (deep, '[');
    b = g_bytes_new (deep->str, deep->len);
    g_assert_false (assay_dsse_check_canonical (b, &error));
    g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_DATA);
  }
}

static void
test_canonical_encode (void)
{
  const char *text = "{\"b\": [1, -2, true, null, \"t\\u0009\\/\\u001f\"],"
                     " \"\xef\xac\x81\": 2, \"\xf0\x9f\x98\x80\": {\"z\": 0, \"a\": false}}";
  const char *expected = "{\"b\":[1,-2,true,null,\"t\\t/\\u001f\"],"
                         "\"\xf0\x9f\x98\x80\":{\"a\":false,\"z\":0},\"\xef\xac\x81\":2}";
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GBytes) out = NULL;
  g_autoptr(JsonNode) back = NULL;
  g_autoptr(GBytes) again = NULL;
  g_autoptr(GError) error = NULL;
  gsize len;
  const char *data;

  g_assert_true (json_parser_load_from_data (parser, text, -1, NULL));
  out = assay_canonical_json_encode (json_parser_get_root (parser), &error);
  g_assert_no_error (error);
  data = g_bytes_get_data (out, &len);
  g_assert_cmpmem (data, len, expected, strlen (expected));

  /* The parse of canonical bytes gives the same value back. */
  back = assay_canonical_json_parse (out, &error);
  g_assert_no_error (error);
  again = assay_canonical_json_encode (back, &error);
  g_assert_true (g_bytes_equal (again, out));

  /* What canonical JSON cannot hold. */
  {
    const char *bad[] = { "{\"a\":1.5}", "{\"a\":9007199254740992}", "{\"a\":-9007199254740992}" };

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_autoptr(JsonParser) p = json_parser_new ();
        g_autoptr(GError) e = NULL;

        g_assert_true (json_parser_load_from_data (p, bad[i], -1, NULL));
        g_assert_null (assay_canonical_json_encode (json_parser_get_root (p), &e));
        g_assert_error (e, ASSAY_ERROR, ASSAY_ERROR_INVALID_DATA);
      }
  }
  /* U+0000 in a string is canonical, but a JsonNode cannot carry it. */
  {
    g_autoptr(GBytes) nul = bytes ("{\"z\":\"a\\u0000b\"}");
    g_autoptr(JsonNode) node = NULL;

    g_assert_true (assay_canonical_json_check (nul, &error));
    node = assay_canonical_json_parse (nul, &error);
    g_assert_null (node);
    g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_DATA);
  }
}

int
main (int argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_assert_cmpint (sodium_init (), >=, 0);
  g_test_add_func ("/assay/dsse/pae", test_pae);
  g_test_add_func ("/assay/dsse/sign-verify", test_sign_verify);
  g_test_add_func ("/assay/dsse/envelope-refused", test_envelope_refused);
  g_test_add_func ("/assay/dsse/canonical", test_canonical);
  g_test_add_func ("/assay/dsse/canonical-encode", test_canonical_encode);
  return g_test_run ();
}
