using RagSystem.Api.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddRagApi();

var app = builder.Build();
app.UseRagApi();
app.MapRagApi();
app.Run();

/// <summary>The service's entry point; public so that tests can host it with <c>WebApplicationFactory&lt;Program&gt;</c>.</summary>
public partial class Program;
