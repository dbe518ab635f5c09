using Microsoft.AspNetCore.Mvc;

namespace CampaignEngine.Web.Infrastructure.Web;

/// <summary>RFC 9457 problem details that name the field at fault.</summary>
public static class Problems
{
    public static ObjectResult Invalid(string field, string message) =>
        new(new ValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] })
        {
            Title = "The request is not valid.",
            Detail = $"{field}: {message}",
            Status = StatusCodes.Status400BadRequest,
        })
        { StatusCode = StatusCodes.Status400BadRequest, ContentTypes = { "application/problem+json" } };

    public static ObjectResult NotFound(string what) =>
        new(new ProblemDetails { Title = "Not found.", Detail = what, Status = StatusCodes.Status404NotFound })
        { StatusCode = StatusCodes.Status404NotFound, ContentTypes = { "application/problem+json" } };

    public static ObjectResult Forbidden(string detail) =>
        new(new ProblemDetails { Title = "Forbidden.", Detail = detail, Status = StatusCodes.Status403Forbidden })
        { StatusCode = StatusCodes.Status403Forbidden, ContentTypes = { "application/problem+json" } };

    public static ObjectResult Conflict(string detail) =>
        new(new ProblemDetails { Title = "Conflict.", Detail = detail, Status = StatusCodes.Status409Conflict })
        { StatusCode = StatusCodes.Status409Conflict, ContentTypes = { "application/problem+json" } };
}
