using CampaignEngine.Core.Reference;
using CampaignEngine.Web.Features.Pledges;
using CampaignEngine.Web.Features.Pledges.Offers;

namespace CampaignEngine.Web.Features.Projects;

/// <summary>The offer form of a project's public page, as typed and refused.</summary>
/// <param name="LimitMinutes">Set when the client's address has left its offers for the hour: how long until it may again.</param>
internal sealed record OfferFormView(long ProjectId, OfferForm Form, IReadOnlyList<FieldError> Errors, IReadOnlyList<string> Currencies, string DefaultCurrency)
{
    public int? LimitMinutes { get; init; }

    public string? ErrorFor(string field) => Errors.FirstOrDefault(e => e.Field == field)?.Key;

    /// <summary>The kinds of help, drawn by the same partial as the link's pledge form.</summary>
    public Responses.PledgeFormView Kinds(ProjectRow project, string language) =>
        new("", Form, Errors, Currencies, DefaultCurrency, [new Responses.ProjectChoice(project.Id, project.Title.In(language))], ProjectFixed: true);
}

/// <summary>An offer just stored, read back to its maker.</summary>
internal sealed record OfferReadBack(long Id, NewOffer Offer, DateTimeOffset At);

/// <param name="Issuer">The administration that posted the project, in every language (null for an unknown module).</param>
/// <param name="Offer">What was offered; null when nothing was stored (the trap field was filled in).</param>
internal sealed record OfferThanksPage(ProjectRow Project, LocalizedText? Issuer, OfferReadBack? Offer)
{
    /// <summary>The offer as the pledge read-back partial shows a pledge: what, for this project, when, and that it waits for a call.</summary>
    public Responses.PledgedItem? Item => Offer is { } o
        ? new(o.Id, o.Offer.Pledge.Kind!, o.Offer.Pledge.Amount, o.Offer.Pledge.Currency, o.Offer.Pledge.Hours,
            o.Offer.Pledge.Kind == "time" ? o.Offer.Pledge.ContributionType ?? "training" : null, o.Offer.Pledge.Description, Project.Title, "offer", o.At)
        : null;
}
