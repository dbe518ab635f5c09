using CampaignEngine.Web.Features.Auth;
using CampaignEngine.Web.Features.Compatriots;

namespace CampaignEngine.Web.Features.Pledges.Offers;

/// <summary>The person an offer's maker becomes in the directory, as the Directory feature adds them.</summary>
internal sealed record OfferPerson(long OfferId, string FullName, string? Phone, string? Email, string Country, string? HomeRegion, string Language);

/// <summary>
/// What confirming an offer needs from the directory, which Pledges may not write: the people the caller may choose
/// who share the offer's phone or e-mail, and a new person for the offer. The Directory feature implements it.
/// </summary>
internal interface IOfferPeople
{
    /// <summary>People in <paramref name="user"/>'s scope with this phone (E.164) or e-mail (any case).</summary>
    IReadOnlyList<CompatriotItem> WithContact(string? phone, string? email, CurrentUser user);

    /// <summary>
    /// Adds the offer's maker to the directory (in a leader's organisation when a leader adds them), with no consent to
    /// any campaign: they agreed to be contacted about their offer only. Safe to repeat: the same offer gives the same person.
    /// </summary>
    long Add(OfferPerson person, CurrentUser user);
}
