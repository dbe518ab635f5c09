using CampaignEngine.Core.Reference;
using CampaignEngine.Web.Features.Auth;
using CampaignEngine.Web.Features.Compatriots.Import;
using CampaignEngine.Web.Features.Pledges.Offers;
using CampaignEngine.Web.Infrastructure.Database;
using Dapper;

namespace CampaignEngine.Web.Features.Compatriots;

/// <summary>
/// The directory's side of confirming an offer from a project page (<see cref="IOfferPeople"/>). A new person is
/// written by the directory's own writer, as one import row whose external id is the offer's (<c>offer-{id}</c>), so a
/// second confirmation of the same offer finds the same person instead of adding a twin.
/// </summary>
internal sealed class OfferPeople(CompatriotQueries queries, CompatriotWriter writer, Db db) : IOfferPeople
{
    public IReadOnlyList<CompatriotItem> WithContact(string? phone, string? email, CurrentUser user) => queries.WithContact(phone, email, user);

    public long Add(OfferPerson person, CurrentUser user)
    {
        var externalId = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"offer-{person.OfferId}");
        var organization = AccessScope.Of(user).OrganizationId;
        var country = Countries.Find(person.Country) ?? throw new ArgumentException("A person needs a known country.", nameof(person));
        // No channel is consented: the person agreed to be called about this offer, not to receive campaigns.
        var input = new CompatriotInput(externalId, person.FullName, "unknown", null, person.HomeRegion, null, null, country.Iso2, null,
            country.DefaultTimeZone, person.Language, null, null, [], [], null, person.Email, person.Phone, null, []);
        writer.Write([(1, input)], "pledge-offer", organization);
        var stored = organization is { } org ? LeaderExternalIds.Qualified(org, externalId) : externalId;
        using var connection = db.Open();
        return connection.ExecuteScalar<long>("SELECT id FROM directory_compatriot WHERE external_id = @stored", new { stored });
    }
}
