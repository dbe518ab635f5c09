// The limit for the host's cold start: an ASP.NET Core app with nothing but the same health endpoint.
var builder = WebApplication.CreateBuilder(args);
builder.Services.AddHealthChecks();
var app = builder.Build();
app.MapHealthChecks("/health");
app.Run();
