/*
 * lang_en.c - English word tables for claimtrack suggest.  Another language
 * adds a file like this one; the recognisers read only the tables.
 */
#include "suggest_int.h"

static const char *const abbrev[] = {"Mr",  "Mrs", "Ms",  "Dr",  "Prof",   "St",  "Gen", "Col",
                                     "Lt",  "Sgt", "Jan", "Feb", "Mar",    "Apr", "Aug", "Sept",
                                     "Sep", "Oct", "Nov", "Dec", "e.g",    "i.e", "etc", "vs",
                                     "U.S", "U.N", "U.K", "No",  "approx", "est", NULL};

/* cue, hedge value */
static const char *const hedges[] = {
    "reportedly",      "reported",    "was reported", "reported",    "were reported",
    "reported",        "allegedly",   "alleged",      "alleged",     "alleged",
    "widely believed", "believed",    "believed",     "believed",    "suspected",
    "suspected",       "estimated",   "estimated",    "expected",    "expected",
    "preliminary",     "preliminary", "unconfirmed",  "unconfirmed", "speculated",
    "speculated",      "claimed",     "claimed",      NULL};

static const char *const denials[] = {
    "denied",  "denies",           "deny",      "denying", "rejected",
    "rejects", "dismissed claims", "dismissed", "refuted", NULL};

/* a boolean stated false */
static const char *const negations[] = {
    "not",     "never",   "no",      "stopped short of", "refrained from",
    "refused", "refuses", "without", "rejection of",     "unaffected",
    "neither", "nor",     NULL};

static const char *const said[] = {"said",     "says",      "stated",  "claimed",   "claims",
                                   "alleged",  "alleges",   "accused", "accuses",   "asserted",
                                   "insisted", "argued",    "told",    "announced", "denied",
                                   "reported", "confirmed", NULL};

static const char *const not_names[] = {
    "The",       "This",          "That",        "These",     "Those",      "It",
    "He",        "She",           "They",        "We",        "I",          "You",
    "Officials", "Authorities",   "Police",      "Sources",   "Experts",    "Analysts",
    "Critics",   "Reports",       "Media",       "Witnesses", "Residents",  "Observers",
    "Diplomats", "Investigators", "Prosecutors", "Ministry",  "Government", "But",
    "And",       "However",       "Meanwhile",   "Later",     "Earlier",    "In",
    "On",        "After",         "Before",      "A",         "An",         NULL};

static const char *const fillers[] = {"bin", "ibn", "al", "de", "del", "der",
                                      "van", "von", "da", "di", NULL};

static const ct_sg_lang english = {
    .abbrev = abbrev,
    .hedges = hedges,
    .denials = denials,
    .negations = negations,
    .said = said,
    .not_names = not_names,
    .fillers = fillers,
};

const ct_sg_lang *ct_sg__english(void) { return &english; }
