using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OAuthPortal.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddConsentGrants : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ConsentGrants",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UserId = table.Column<string>(type: "TEXT", nullable: false),
                    ClientId = table.Column<string>(type: "TEXT", unicode: false, maxLength: 64, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConsentGrants", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ConsentGrants_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ConsentGrants_Clients_ClientId",
                        column: x => x.ClientId,
                        principalTable: "Clients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ConsentGrantScopes",
                columns: table => new
                {
                    ConsentGrantId = table.Column<int>(type: "INTEGER", nullable: false),
                    ScopesId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConsentGrantScopes", x => new { x.ConsentGrantId, x.ScopesId });
                    table.ForeignKey(
                        name: "FK_ConsentGrantScopes_ConsentGrants_ConsentGrantId",
                        column: x => x.ConsentGrantId,
                        principalTable: "ConsentGrants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ConsentGrantScopes_Scopes_ScopesId",
                        column: x => x.ScopesId,
                        principalTable: "Scopes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ConsentGrants_ClientId",
                table: "ConsentGrants",
                column: "ClientId");

            migrationBuilder.CreateIndex(
                name: "IX_ConsentGrants_UserId_ClientId",
                table: "ConsentGrants",
                columns: new[] { "UserId", "ClientId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ConsentGrantScopes_ScopesId",
                table: "ConsentGrantScopes",
                column: "ScopesId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ConsentGrantScopes");

            migrationBuilder.DropTable(
                name: "ConsentGrants");
        }
    }
}
