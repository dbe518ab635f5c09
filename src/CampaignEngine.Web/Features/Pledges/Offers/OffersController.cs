using CampaignEngine.Core.Reference;
using CampaignEngine.Web.Features.Auth;
using CampaignEngine.Web.Features.Compatriots;
using CampaignEngine.Web.Features.Compatriots.Search;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CampaignEngine.Web.Features.Pledges.Offers;

/// <summary>How staff confirm an offer: a person chosen from the directory, or a new one made from the offer.</summary>
internal sealed class OfferConfirmForm
{
    public long? CompatriotId { get; set; }
    public bool NewPerson { get; set; }
    public string? FullName { get; set; }
    public string? Country { get; set; }
    public string? HomeRegion { get; set; }
}

internal sealed record OffersPage(IReadOnlyList<OfferRow> Waiting, IReadOnlyList<OfferRow> Decided);

/// <param name="Matches">People the caller may choose who gave the offer's phone or e-mail.</param>
/// <param name="Picker">The directory's person picker, to find the person some other way (their name, another phone).</param>
internal sealed record OfferPage(
    OfferRow Offer, IReadOnlyList<CompatriotItem> Matches, PersonPicker Picker, OfferConfirmForm Form, IReadOnlyList<FieldError> Errors)
{
    public string? ErrorFor(string field) => Errors.FirstOrDefault(e => e.Field == field)?.Key;
}

/// <summary>
/// The offers strangers left on project pages, in the pledge workspace: national staff see all of them, an oblast
/// administration those for its own region's projects. Each is called on the contact given, then confirmed (it becomes
/// a confirmed pledge of a person in the directory, chosen or added) or dropped with a reason; either way its contact
/// details are erased.
/// </summary>
[Route("pledges/offers"), Authorize(Policy = Roles.Campaigners)]
internal sealed class OffersController(
    OfferStore offers, IOfferPeople people, PersonPickers pickers, PledgeRecorder recorder, Audit.AuditLog audit, TimeProvider clock) : Controller
{
    public const int MaxReason = 500;

    private CurrentUser Me => HttpContext.CurrentUser();

    [HttpGet("")]
    public IActionResult Index() => View("Offers", new OffersPage(offers.Waiting(Me), offers.Decided(Me)));

    /// <param name="find">A search of the person picker (without scripts it comes back to this page).</param>
    /// <param name="compatriotId">A person chosen with the picker.</param>
    [HttpGet("{id:long}")]
    public IActionResult Details(long id, string? find, long? compatriotId) =>
        offers.Find(id, Me) is { } offer ? View("Offer", Page(offer, NewPersonForm(offer), [], find, compatriotId)) : NotFound();

    [HttpPost("{id:long}/confirm"), ValidateAntiForgeryToken]
    public async Task<IActionResult> Confirm(long id, [FromForm] OfferConfirmForm form)
    {
        if (offers.Find(id, Me) is not { } offer) return NotFound();
        // Confirming again answers with the pledge the first confirmation made.
        if (offer.PledgeId is { } made) return Redirect($"/pledges/{made}");
        if (!offer.IsWaiting) return Refused(offer, form, StatusCodes.Status409Conflict, new FieldError("offer", "offers.error.decided"));
        var (compatriotId, errors) = Person(offer, form);
        if (compatriotId is not { } chosen) return Refused(offer, form, StatusCodes.Status400BadRequest, [.. errors]);
        var pledge = recorder.StaffRow(chosen, offer.Pledge(), new PledgeOrigin("self", Me.Id, null, null)) with { Status = PledgeStatus.Confirmed };
        if (await offers.ConfirmAsync(id, pledge, Me.Id, clock.GetUtcNow()) is not { } confirmed)
            return Refused(offer, form, StatusCodes.Status409Conflict, new FieldError("offer", "offers.error.decided"));
        if (confirmed.Created)
            audit.Record(Me, "pledge.offer.confirm", $"pledge-offer/{id}", new { pledge = confirmed.PledgeId, compatriot = chosen, newPerson = form.NewPerson });
        return Redirect($"/pledges/{confirmed.PledgeId}");
    }

    [HttpPost("{id:long}/drop"), ValidateAntiForgeryToken]
    public async Task<IActionResult> Drop(long id, [FromForm] string? reason)
    {
        if (offers.Find(id, Me) is not { } offer) return NotFound();
        var text = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        if (text is null || text.Length > MaxReason)
            return Refused(offer, NewPersonForm(offer), StatusCodes.Status400BadRequest, new FieldError("reason", text is null ? "offers.error.reason" : "offers.error.reasonLong"));
        if (!await offers.DropAsync(id, text, Me.Id, clock.GetUtcNow()))
            return offer.Status == OfferStatus.Dropped ? Redirect("/pledges/offers") : Refused(offer, NewPersonForm(offer), StatusCodes.Status409Conflict, new FieldError("offer", "offers.error.decided"));
        audit.Record(Me, "pledge.offer.drop", $"pledge-offer/{id}", new { reason = text });
        return Redirect("/pledges/offers");
    }

    /// <summary>The person the pledge will be for: one the caller may choose, or a new one made from the offer.</summary>
    private (long? Id, List<FieldError> Errors) Person(OfferRow offer, OfferConfirmForm form)
    {
        var errors = new List<FieldError>();
        if (!form.NewPerson)
        {
            if (pickers.Chosen(form.CompatriotId, Me) is { } person) return (person.Id, errors);
            errors.Add(new("compatriotId", "offers.error.compatriotId"));
            return (null, errors);
        }
        var name = string.IsNullOrWhiteSpace(form.FullName) ? null : form.FullName.Trim();
        if (name is null || name.Length > OfferForm.MaxName || name.Any(char.IsControl)) errors.Add(new("fullName", "offer.error.fullName"));
        var country = Countries.Find(form.Country);
        if (country is null) errors.Add(new("country", "offers.error.country"));
        var region = string.IsNullOrWhiteSpace(form.HomeRegion) ? null : Regions.Find(form.HomeRegion);
        if (!string.IsNullOrWhiteSpace(form.HomeRegion) && region is null) errors.Add(new("homeRegion", "offer.error.homeRegion"));
        // An oblast administration adds natives of its own region only: anyone else would vanish from its view at once.
        if (AccessScope.Of(Me) is { IsRegional: true } scope && !scope.Covers(region?.Code)) errors.Add(new("homeRegion", "offers.error.ownRegion"));
        if (errors.Count > 0) return (null, errors);
        return (people.Add(new OfferPerson(offer.Id, name!, offer.Phone, offer.Email, country!.Iso2, region?.Code, offer.Language), Me), errors);
    }

    private OfferConfirmForm NewPersonForm(OfferRow offer) =>
        new() { NewPerson = true, FullName = offer.FullName, Country = offer.Country, HomeRegion = offer.HomeRegion ?? AccessScope.Of(Me).Region };

    private ViewResult Refused(OfferRow offer, OfferConfirmForm form, int status, params FieldError[] errors)
    {
        Response.StatusCode = status;
        return View("Offer", Page(offer, form, errors, null, form.NewPerson ? null : form.CompatriotId));
    }

    private OfferPage Page(OfferRow offer, OfferConfirmForm form, IReadOnlyList<FieldError> errors, string? find, long? chosen) =>
        new(offer, offer.IsWaiting ? people.WithContact(offer.Phone, offer.Email, Me) : [],
            pickers.For(Me, form: "offer-existing", page: $"/pledges/offers/{offer.Id}", chosen, find, missing: errors.Any(e => e.Field == "compatriotId")),
            form, errors);
}
