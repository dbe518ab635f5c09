using CampaignEngine.Core.Reference;
using CampaignEngine.Web.Features.Shared;
using CampaignEngine.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;

namespace CampaignEngine.Web.Features.Compatriots;

internal sealed record OrganizationForm(string? Name, string? Country, string? City);

[Route("api/organizations")]
internal sealed class OrganizationsApiController(OrganizationStore organizations) : ApiControllerBase
{
    [HttpGet]
    public IEnumerable<object> List() =>
        organizations.List().Select(o => new { id = o.Id, name = o.Name, country = o.Country, city = o.City });

    [HttpPost]
    public IActionResult Create([FromBody] OrganizationForm form)
    {
        if (!Me.IsNational) return Forbid();
        var name = form.Name?.Trim();
        if (string.IsNullOrEmpty(name)) return Problems.Invalid("name", "is required");
        if (name.Length > 200) return Problems.Invalid("name", "is longer than 200 characters");
        string? country = null;
        if (!string.IsNullOrWhiteSpace(form.Country))
        {
            country = Countries.Find(form.Country)?.Iso2;
            if (country is null) return Problems.Invalid("country", $"'{form.Country}' is not a known host country code (ISO 3166-1 alpha-2)");
        }
        var city = string.IsNullOrWhiteSpace(form.City) ? null : form.City.Trim();
        if (city?.Length > 100) return Problems.Invalid("city", "is longer than 100 characters");
        if (organizations.FindByName(name) is not null) return Problems.Conflict($"An organisation named '{name}' exists already.");
        var id = organizations.Create(name, country, city);
        return Created($"/api/organizations/{id}", new { id });
    }
}
