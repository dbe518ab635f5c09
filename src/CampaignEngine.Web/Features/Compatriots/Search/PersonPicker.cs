using CampaignEngine.Core.Reference;
using CampaignEngine.Web.Features.Auth;
using Microsoft.AspNetCore.WebUtilities;

namespace CampaignEngine.Web.Features.Compatriots.Search;

/// <summary>
/// The person picker a staff form drops in (<c>&lt;partial name="_PersonPicker" model="…" /&gt;</c>, placed before the
/// form): a search that works without scripts (a GET to the form's own page with <c>find=</c>, the matches offered as
/// radio buttons of the form) and, with <c>picker.js</c>, a type-ahead on <c>/compatriots/pick</c>. Once chosen, the
/// form shows who (name, country, home region), never an id; nothing is chosen by default.
/// </summary>
/// <param name="Field">The form field that carries the chosen id (<c>CompatriotId</c>).</param>
/// <param name="Form">The id of the form the choice belongs to; the picker's own search is a separate form.</param>
/// <param name="Page">The form's page, where a search without scripts goes.</param>
/// <param name="Keep">Query values the page needs again after a search (the issuer of a certificate …).</param>
/// <param name="Missing">The form was sent without a person, or with one the caller may not choose.</param>
internal sealed record PersonPicker(
    string Field, string Form, string Page, IReadOnlyDictionary<string, string?> Keep,
    CompatriotItem? Chosen, string? Query, PersonMatches? Found, bool Missing)
{
    /// <summary>The page without a choice, to choose someone else.</summary>
    public string ChangeUrl => QueryHelpers.AddQueryString(Page, Keep.Where(k => !string.IsNullOrEmpty(k.Value)));

    /// <summary>Country and home region (and city), as the person's line reads in <paramref name="language"/>.</summary>
    public static string Where(CompatriotItem person, string language, string noRegion)
    {
        var country = Countries.Find(person.Country)?.Name.In(language) ?? person.Country;
        var region = Regions.Find(person.HomeRegion)?.Name.In(language) ?? noRegion;
        return string.IsNullOrWhiteSpace(person.City) ? $"{country} · {region}" : $"{country}, {person.City} · {region}";
    }
}

/// <summary>Builds a form's <see cref="PersonPicker"/> in the caller's scope.</summary>
internal sealed class PersonPickers(PersonSearch search, CompatriotQueries compatriots)
{
    /// <summary>
    /// The picker with <paramref name="chosen"/> shown if the caller may choose that person (in their scope, not
    /// erased), else the matches for <paramref name="find"/>.
    /// </summary>
    public PersonPicker For(CurrentUser user, string form, string page, long? chosen, string? find,
        IReadOnlyDictionary<string, string?>? keep = null, bool missing = false, string field = "CompatriotId")
    {
        var person = Chosen(chosen, user);
        var query = string.IsNullOrWhiteSpace(find) ? null : find.Trim();
        var found = person is null && query is not null ? search.Find(query, user) : null;
        return new PersonPicker(field, form, page, keep ?? new Dictionary<string, string?>(), person, query, found, missing);
    }

    /// <summary>The person a form names, when the caller may choose them; null for an unknown, erased or out-of-scope id.</summary>
    public CompatriotItem? Chosen(long? id, CurrentUser user) =>
        id is { } value && compatriots.Several([value], user) is [var person] ? person : null;
}
