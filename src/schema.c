/* schema.c: the JSON Schema of cvpdf's input and the starter CV (see
 * schema.h). The design keys come from style.c's own table, the networks
 * from cv.c's, the themes and languages from the data built in: what the
 * schema allows is what cvpdf reads. */
#include "schema.h"

#include <stdlib.h>
#include <string.h>

#include "cv.h"
#include "style.h"

static void str(FILE *o, const char *s) {
  fputc('"', o);
  for (; *s; s++) {
    if (*s == '"' || *s == '\\')
      fputc('\\', o);
    if ((unsigned char)*s < 0x20)
      fprintf(o, "\\u%04x", (unsigned char)*s);
    else
      fputc(*s, o);
  }
  fputc('"', o);
}

static void values(FILE *o, const char *const *v) {
  fputs("[", o);
  for (int i = 0; v[i]; i++) {
    if (i)
      fputs(", ", o);
    str(o, v[i]);
  }
  fputs("]", o);
}

/* the JSON type of a design value */
static void key_type(FILE *o, struct style_key_info k) {
  static const char *const len =
      "{\"type\": \"string\", \"pattern\": \"^-?[0-9]+(\\\\.[0-9]+)?\\\\s*"
      "(pt|mm|cm|in|em)$|^0$\", \"description\": \"a length: 0.5cm, 10pt, "
      "1in, 2.5mm, 1.2em\"}";
  if (!strcmp(k.kind, "length"))
    fputs(len, o);
  else if (!strcmp(k.kind, "length-or-auto"))
    fprintf(o, "{\"anyOf\": [%s, {\"const\": \"auto\"}]}", len);
  else if (!strcmp(k.kind, "color"))
    fputs("{\"type\": \"string\", \"description\": \"a CSS colour name, "
          "#rrggbb, rgb(r, g, b) or hsl(h, s%, l%)\"}",
          o);
  else if (!strcmp(k.kind, "boolean"))
    fputs("{\"type\": \"boolean\"}", o);
  else if (!strcmp(k.kind, "string-or-null"))
    fputs("{\"type\": [\"string\", \"null\"]}", o);
  else if (!strcmp(k.kind, "enum")) {
    fputs("{\"enum\": ", o);
    values(o, k.values);
    fputs("}", o);
  } else if (!strcmp(k.kind, "family"))
    fputs("{\"type\": \"string\", \"description\": \"a font family: bundled, "
          "in a fonts/ folder beside the CV, or installed\"}",
          o);
  else if (!strcmp(k.kind, "list"))
    fputs("{\"type\": [\"array\", \"string\", \"null\"], \"items\": "
          "{\"type\": \"string\"}}",
          o);
  else if (!strcmp(k.kind, "integer"))
    fputs("{\"type\": \"integer\"}", o);
  else if (!strcmp(k.kind, "number"))
    fputs("{\"type\": [\"number\", \"string\"]}", o);
  else
    fputs("{}", o);
}

/* The design block: the dotted keys of style.c folded into nested objects.
 * Keys under `prefix` (with its dot) are written at this level. */
static void design_level(FILE *o, const char *prefix, int indent) {
  size_t pl = strlen(prefix);
  int n = style_key_count();
  const char *done[128];
  int ndone = 0;
  bool first = true;
  fprintf(o, "{\"type\": \"object\", \"additionalProperties\": false, "
             "\"properties\": {");
  for (int i = 0; i < n; i++) {
    struct style_key_info k = style_key(i);
    if (strncmp(k.path, prefix, pl) != 0)
      continue;
    const char *rest = k.path + pl;
    size_t nl = strcspn(rest, ".");
    bool seen = false;
    for (int j = 0; j < ndone; j++)
      seen |= strlen(done[j]) == nl && !strncmp(done[j], rest, nl);
    if (seen || ndone == 128)
      continue;
    done[ndone++] = rest;
    fprintf(o, "%s\n%*s\"%.*s\": ", first ? "" : ",", indent + 2, "",
            (int)nl, rest);
    first = false;
    /* the key itself, its children, or both (font_family: a name, or
     * a name per element) */
    bool leaf = false, kids = false;
    for (int j = 0; j < n; j++) {
      const char *p = style_key(j).path;
      if (!strncmp(p, k.path, pl + nl) && p[pl + nl] == 0)
        leaf = true;
      if (!strncmp(p, k.path, pl + nl) && p[pl + nl] == '.')
        kids = true;
    }
    char sub[256];
    snprintf(sub, sizeof sub, "%.*s.", (int)(pl + nl), k.path);
    if (leaf && kids) {
      fputs("{\"anyOf\": [", o);
      for (int j = 0; j < n; j++)
        if (!strncmp(style_key(j).path, k.path, pl + nl) &&
            style_key(j).path[pl + nl] == 0)
          key_type(o, style_key(j));
      fputs(", ", o);
      design_level(o, sub, indent + 2);
      fputs("]}", o);
    } else if (kids) {
      design_level(o, sub, indent + 2);
    } else {
      key_type(o, k);
    }
  }
  fprintf(o, "\n%*s}}", indent, "");
}

static const char *const ENTRY_SCHEMAS =
    "\"text\": {\"type\": \"string\", \"description\": \"a paragraph\"},\n"
    "    \"date\": {\"type\": [\"string\", \"integer\"], \"description\": "
    "\"YYYY-MM-DD, YYYY-MM, YYYY, 'present', or any text\"},\n"
    "    \"highlights\": {\"type\": \"array\", \"items\": {\"anyOf\": "
    "[{\"type\": \"string\"}, {\"type\": \"object\", \"properties\": "
    "{\"bullet\": {\"type\": \"string\"}, \"highlights\": {\"$ref\": "
    "\"#/definitions/highlights\"}}, \"required\": [\"bullet\"]}]}},\n"
    "    \"complex\": {\"type\": \"object\", \"properties\": {\"date\": "
    "{\"$ref\": \"#/definitions/date\"}, \"start_date\": {\"$ref\": "
    "\"#/definitions/date\"}, \"end_date\": {\"$ref\": "
    "\"#/definitions/date\"}, \"location\": {\"type\": \"string\"}, "
    "\"summary\": {\"type\": \"string\"}, \"highlights\": {\"$ref\": "
    "\"#/definitions/highlights\"}}},\n";

void schema_write(FILE *o) {
  fputs("{\n  \"$schema\": \"http://json-schema.org/draft-07/schema#\",\n"
        "  \"title\": \"cvpdf CV\",\n"
        "  \"description\": \"A CV for cvpdf: RenderCV's format and cvpdf's "
        "extensions (cvpdf schema)\",\n"
        "  \"type\": \"object\",\n  \"definitions\": {\n    ",
        o);
  fputs(ENTRY_SCHEMAS, o);
  /* entry types: RenderCV's, told apart by their keys, and cvpdf's */
  fputs("    \"entry\": {\"anyOf\": [\n"
        "      {\"$ref\": \"#/definitions/text\"},\n"
        "      {\"type\": \"object\", \"required\": [\"label\", "
        "\"details\"]},\n"
        "      {\"allOf\": [{\"$ref\": \"#/definitions/complex\"}, "
        "{\"required\": [\"name\"]}]},\n"
        "      {\"allOf\": [{\"$ref\": \"#/definitions/complex\"}, "
        "{\"required\": [\"company\", \"position\"]}]},\n"
        "      {\"allOf\": [{\"$ref\": \"#/definitions/complex\"}, "
        "{\"required\": [\"institution\", \"area\"], \"properties\": "
        "{\"degree\": {\"type\": \"string\"}}}]},\n"
        "      {\"type\": \"object\", \"required\": [\"title\", \"authors\"], "
        "\"properties\": {\"authors\": {\"type\": \"array\", \"items\": "
        "{\"type\": \"string\"}}, \"doi\": {\"type\": \"string\"}, \"url\": "
        "{\"type\": \"string\"}, \"journal\": {\"type\": \"string\"}, "
        "\"date\": {\"$ref\": \"#/definitions/date\"}, \"summary\": "
        "{\"type\": \"string\"}}},\n"
        "      {\"type\": \"object\", \"required\": [\"bullet\"], "
        "\"properties\": {\"highlights\": {\"$ref\": "
        "\"#/definitions/highlights\"}}},\n"
        "      {\"type\": \"object\", \"required\": [\"number\"]},\n"
        "      {\"type\": \"object\", \"required\": [\"reversed_number\"]},\n"
        "      {\"type\": \"object\", \"required\": [\"text\"], "
        "\"description\": \"cvpdf: a dated paragraph\"},\n"
        "      {\"type\": \"object\", \"required\": [\"table\"], "
        "\"description\": \"cvpdf: a table\", \"properties\": {\"table\": "
        "{\"type\": \"object\", \"properties\": {\"columns\": {\"type\": "
        "\"array\"}, \"rows\": {\"type\": \"array\", \"items\": {\"type\": "
        "\"object\", \"properties\": {\"heading\": {\"type\": \"string\"}, "
        "\"cells\": {\"type\": \"array\"}}}}, \"corner\": {\"type\": "
        "\"string\"}, \"widths\": {\"type\": \"array\", \"items\": "
        "{\"type\": \"number\"}}}, \"required\": [\"rows\"]}}},\n"
        "      {\"type\": \"object\", \"required\": [\"page_break\"], "
        "\"description\": \"cvpdf: a new page here\"}\n"
        "    ]}\n  },\n",
        o);
  /* cv */
  fputs("  \"properties\": {\n    \"cv\": {\"type\": \"object\", "
        "\"additionalProperties\": false, \"properties\": {\n"
        "      \"name\": {\"type\": \"string\"},\n"
        "      \"headline\": {\"type\": \"string\"},\n"
        "      \"location\": {\"type\": \"string\"},\n"
        "      \"email\": {\"type\": [\"string\", \"array\"]},\n"
        "      \"phone\": {\"type\": [\"string\", \"array\"], \"description\": "
        "\"international form: +1 415 555 0100\"},\n"
        "      \"website\": {\"type\": [\"string\", \"array\"]},\n"
        "      \"photo\": {\"type\": \"string\", \"description\": \"a PNG or "
        "JPEG file, relative to the CV's folder\"},\n"
        "      \"social_networks\": {\"type\": \"array\", \"items\": "
        "{\"type\": \"object\", \"additionalProperties\": false, "
        "\"required\": [\"network\", \"username\"], \"properties\": "
        "{\"network\": {\"enum\": ",
        o);
  values(o, CV_NETWORKS);
  fputs("}, \"username\": {\"type\": \"string\"}}}},\n"
        "      \"custom_connections\": {\"type\": \"array\", \"items\": "
        "{\"type\": \"object\", \"required\": [\"placeholder\"], "
        "\"properties\": {\"placeholder\": {\"type\": \"string\"}, \"url\": "
        "{\"type\": [\"string\", \"null\"]}, \"fontawesome_icon\": "
        "{\"type\": \"string\"}}}},\n"
        "      \"sections\": {\"type\": \"object\", "
        "\"additionalProperties\": {\"type\": \"array\", \"items\": "
        "{\"$ref\": \"#/definitions/entry\"}}}\n    }},\n",
        o);
  /* design */
  fputs("    \"design\": ", o);
  design_level(o, "", 4);
  fputs(",\n", o);
  /* locale */
  fputs("    \"locale\": {\"type\": \"object\", \"additionalProperties\": "
        "false, \"properties\": {\n      \"language\": {\"enum\": ",
        o);
  values(o, STYLE_LANGUAGES);
  fputs("},\n      \"last_updated\": {\"type\": \"string\"}, \"present\": "
        "{\"type\": \"string\"}, \"month\": {\"type\": \"string\"}, "
        "\"months\": {\"type\": \"string\"}, \"year\": {\"type\": "
        "\"string\"}, \"years\": {\"type\": \"string\"},\n"
        "      \"phrases\": {\"type\": \"object\", \"properties\": "
        "{\"degree_with_area\": {\"type\": \"string\"}}},\n"
        "      \"month_abbreviations\": {\"type\": \"array\", \"minItems\": "
        "12, \"maxItems\": 12, \"items\": {\"type\": \"string\"}},\n"
        "      \"month_names\": {\"type\": \"array\", \"minItems\": 12, "
        "\"maxItems\": 12, \"items\": {\"type\": \"string\"}},\n"
        "      \"hyphenation\": {\"type\": \"string\", \"description\": "
        "\"cvpdf: the hyphenation dictionary, e.g. en_GB; '' for none\"}\n"
        "    }},\n"
        "    \"settings\": {\"type\": \"object\", \"additionalProperties\": "
        "false, \"properties\": {\n"
        "      \"current_date\": {\"type\": \"string\", \"description\": "
        "\"YYYY-MM-DD or 'today'\"},\n"
        "      \"bold_keywords\": {\"type\": \"array\", \"items\": {\"type\": "
        "\"string\"}},\n"
        "      \"pdf_title\": {\"type\": \"string\"},\n"
        "      \"render_command\": {\"type\": \"object\"}\n    }}\n  },\n"
        "  \"required\": [\"cv\"]\n}\n",
        o);
}

void schema_starter(FILE *o, const char *name, const char *schema_file) {
  if (schema_file)
    fprintf(o, "# yaml-language-server: $schema=%s\n", schema_file);
  fputs("# A CV for cvpdf (RenderCV's format). Render it with\n"
        "#     cvpdf THIS_FILE.yaml -o cv.pdf\n"
        "# Every key below is optional; delete what you do not need.\n"
        "# Text takes **bold**, *italic* and [links](https://example.org).\n"
        "cv:\n  name: ",
        o);
  str(o, name);
  fputs("\n  headline: What you do, in a few words\n"
        "  location: City, Country\n"
        "  email: you@example.org\n"
        "  # phone: \"+1 415 555 0100\"\n"
        "  # website: https://example.org/\n"
        "  # social_networks:\n"
        "  #   - network: GitHub\n"
        "  #     username: you\n"
        "  sections:\n"
        "    # A section is a title and a list of entries; the keys of an\n"
        "    # entry tell its type.\n"
        "    summary:\n"
        "      - A paragraph or two about yourself.\n"
        "    education:\n"
        "      - institution: University of Somewhere\n"
        "        area: Mathematics\n"
        "        degree: BSc\n"
        "        location: City\n"
        "        start_date: 2018-09\n"
        "        end_date: 2022-06\n"
        "        highlights:\n"
        "          - Something you did there.\n"
        "    experience:\n"
        "      - company: A Company\n"
        "        position: Your Role\n"
        "        location: City\n"
        "        start_date: 2022-09\n"
        "        end_date: present\n"
        "        highlights:\n"
        "          - What you achieved, with a number if you can.\n"
        "    skills:\n"
        "      - label: Languages\n"
        "        details: English, French\n"
        "# design:\n"
        "#   theme: classic   # seed (default), classic, engineeringclassic,\n"
        "#                    # engineeringresumes, harvard, moderncv, sb2nov,\n"
        "#                    # ink, opal, ember\n"
        "# locale:\n"
        "#   language: english\n",
        o);
}
