# Builds the runnable jar and a small runtime image (SPEC "Operations").
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN mvn -B -q -DskipTests package -pl switchboard-app -am

FROM eclipse-temurin:17-jre
WORKDIR /app
COPY --from=build /src/switchboard-app/target/switchboard.jar /app/switchboard.jar
EXPOSE 8000
HEALTHCHECK --interval=10s --timeout=3s CMD wget -qO- http://127.0.0.1:8000/health/ready || exit 1
ENTRYPOINT ["java", "-XX:+UseG1GC", "-XX:MaxHeapFreeRatio=10", "-XX:MinHeapFreeRatio=5", "-jar", "/app/switchboard.jar"]
CMD ["serve"]
