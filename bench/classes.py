# A class-heavy workload in the spirit of richards: objects, method calls, attribute
# reads and writes, inheritance and super().
class Task:
    def __init__(self, ident, priority):
        self.ident = ident
        self.priority = priority
        self.runs = 0
        self.next = None

    def run(self, work):
        self.runs += 1
        return work.process(self)


class DeviceTask(Task):
    def run(self, work):
        result = super().run(work)
        return result + 1


class Work:
    def __init__(self):
        self.count = 0

    def process(self, task):
        self.count += task.priority
        return self.count & 0xff


class Scheduler:
    def __init__(self, n):
        self.tasks = []
        prev = None
        for i in range(n):
            t = DeviceTask(i, i % 7) if i % 3 == 0 else Task(i, i % 5)
            t.next = prev
            prev = t
            self.tasks.append(t)
        self.head = prev

    def schedule(self, rounds):
        work = Work()
        total = 0
        for _ in range(rounds):
            t = self.head
            while t is not None:
                total += t.run(work)
                t = t.next
        return total, work.count


s = Scheduler(100)
print(s.schedule(20000))
